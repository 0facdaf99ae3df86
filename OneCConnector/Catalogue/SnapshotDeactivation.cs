using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// A full catalogue (<c>Каталог СодержитТолькоИзменения="false"</c>) deactivates the products 1C left out. 1C 3.x
/// splits one catalogue over several files of one session (<c>import___*.xml</c>, goods in portions), so the rule is
/// per <b>session</b>, not per file: a session that imported at least one product from a full file is marked, and once
/// the session is over (1C called <c>complete</c>, a later catalogue session started, or it idled past
/// <c>SessionIdleTimeout</c>) every product not listed by any file since the session started is set inactive. A session
/// with a failed file deactivates nothing (the missing products may be in the file that failed); changes-only files
/// never deactivate. One portal is one 1C exchange node, so all of its catalogue files count as one catalogue.
/// </summary>
internal static class SnapshotDeactivation
{
    public const string Reason = "нет в полной выгрузке каталога 1С";
    public const string OfferReason = "нет в полной выгрузке предложений 1С";
    public const string ParentReason = "товар-родитель нет в полной выгрузке каталога 1С";

    /// <param name="markerKind"><see cref="CatalogueKinds.Snapshot"/> (full catalogue → products) or
    /// <see cref="CatalogueKinds.OfferSnapshot"/> (full offers package → variations).</param>
    public static async Task MarkAsync(OneCDbContext db, string memberId, string markerKind, string sessionId, long now, CancellationToken ct)
    {
        if (await db.CatalogueItems.AnyAsync(x => x.MemberId == memberId && x.Kind == markerKind && x.Key == sessionId, ct))
        {
            return;
        }
        var desired = new JsonObject { ["session"] = sessionId }.ToJsonString();
        var hash = DesiredRows.Hash(desired);
        db.CatalogueItems.Add(new CatalogueItemRecord
        {
            MemberId = memberId, Kind = markerKind, Key = sessionId, Desired = desired, DesiredHash = hash, PushedHash = hash, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Settles the portal's finished snapshot sessions; returns how many products became inactive.</summary>
    public static async Task<int> SettleAsync(OneCDbContext db, string memberId, long now, TimeSpan idleTimeout, CancellationToken ct)
    {
        var markers = await db.CatalogueItems.Where(x => x.MemberId == memberId
            && (x.Kind == CatalogueKinds.Snapshot || x.Kind == CatalogueKinds.OfferSnapshot)).ToListAsync(ct);
        var deactivated = 0;
        foreach (var marker in markers)
        {
            var session = await db.Journal.AsNoTracking().Where(j => j.MemberId == memberId && j.SessionId == marker.Key)
                .OrderByDescending(j => j.StartedAt).FirstOrDefaultAsync(ct);
            if (session is null || session.Status == ExchangeJournal.Failed)
            {
                db.CatalogueItems.Remove(marker);
                continue;
            }
            var later = await db.Journal.AnyAsync(j => j.MemberId == memberId && j.ExchangeType == session.ExchangeType
                && j.StartedAt > session.StartedAt && j.ReplayOf == null && j.SessionId != session.SessionId, ct);
            var idle = (session.FinishedAt ?? session.StartedAt) + (long)idleTimeout.TotalMilliseconds < now;
            if (session.Status != ExchangeJournal.Completed && !later && !idle)
            {
                continue; // 1C may still send more files of this snapshot
            }
            deactivated += marker.Kind == CatalogueKinds.Snapshot
                ? await DeactivateUnseenAsync(db, memberId, CatalogueKinds.Product, session.StartedAt, now, Reason, ct)
                : await DeactivateUnseenAsync(db, memberId, CatalogueKinds.Variation, session.StartedAt, now, OfferReason, ct);
            db.CatalogueItems.Remove(marker);
        }
        await db.SaveChangesAsync(ct);
        return deactivated;
    }

    /// <summary>
    /// Sets <c>active=N</c> on the rows of <paramref name="kind"/> no file listed since the session began; a product's
    /// variations go with it (a parent 1C dropped leaves no variation on sale).
    /// </summary>
    private static async Task<int> DeactivateUnseenAsync(OneCDbContext db, string memberId, string kind, long sessionStart, long now, string reason, CancellationToken ct)
    {
        var count = 0;
        string? after = null;
        var variationsByParent = kind != CatalogueKinds.Product ? null : (await db.CatalogueItems.AsNoTracking()
                .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Variation && x.Desired.Contains("\"active\":\"Y\""))
                .Select(x => x.Key).ToListAsync(ct))
            .ToLookup(OneCVariant.ParentKey, StringComparer.Ordinal);
        while (true)
        {
            var query = db.CatalogueItems.Where(x => x.MemberId == memberId && x.Kind == kind
                && (x.SeenAt == null || x.SeenAt < sessionStart) && x.Desired.Contains("\"active\":\"Y\""));
            if (after is not null)
            {
                query = query.Where(x => string.Compare(x.Key, after) > 0);
            }
            var rows = await query.OrderBy(x => x.Key).Take(500).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return count;
            }
            after = rows[^1].Key;
            count += Deactivate(rows, now, reason);
            var variationKeys = variationsByParent is null ? [] : rows.SelectMany(r => variationsByParent[r.Key]).ToList();
            if (variationKeys.Count > 0)
            {
                Deactivate(await db.CatalogueItems.Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Variation && variationKeys.Contains(x.Key))
                    .ToListAsync(ct), now, ParentReason);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static int Deactivate(IEnumerable<CatalogueItemRecord> rows, long now, string reason)
    {
        var count = 0;
        foreach (var row in rows)
        {
            var desired = JsonNode.Parse(row.Desired)!.AsObject();
            desired["active"] = "N";
            row.Desired = desired.ToJsonString();
            row.DesiredHash = DesiredRows.Hash(row.Desired);
            row.Attempts = 0;
            row.UpdatedAt = now;
            row.LastError = reason;
            count++;
        }
        return count;
    }
}
