using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Pushes a portal's pending catalogue rows to Bitrix24 through the SDK's batch helper (50 commands per request,
/// shared rate limiter and operating governor), kind by kind so references exist first. Each chunk's outcome is
/// saved before the next chunk: an add that succeeded is linked at once; one that may have run but was not
/// linked (crash, timeout) is found by its external key on the next run.
/// </summary>
public sealed class CataloguePusher(
    IDbContextFactory<OneCDbContext> dbFactory,
    IServiceProvider services,
    PortalLease lease,
    ExchangeJournal journal,
    IOptions<OneCExchangeOptions> exchangeOptions,
    TimeProvider time,
    ILogger<CataloguePusher> logger)
{
    private const int RowsPerChunk = 500;

    private static readonly string[] Order =
        [
            CatalogueKinds.Section, CatalogueKinds.Property, CatalogueKinds.PropertyValue, CatalogueKinds.Store, CatalogueKinds.Product,
            CatalogueKinds.Variation, CatalogueKinds.Quantity, CatalogueKinds.Price,
        ];

    public async Task<CataloguePushReport> PushAsync(string memberId, CancellationToken ct)
    {
        var factory = services.GetService<IBitrix24ClientFactory>()
            ?? throw new InvalidOperationException("The Bitrix24 client is not registered (AddBitrix24Client); the catalogue cannot be pushed.");
        var client = factory.ForPortal(memberId);
        var report = new CataloguePushReport();
        var holder = PortalLease.NewHolder();
        var passStarted = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!await lease.TryAcquireAsync(memberId, PortalLease.CataloguePush, holder, ct))
        {
            report.HeldElsewhere = true;
            logger.LogInformation("Catalogue push for {MemberId}: another instance is pushing this portal", memberId);
            return report;
        }
        try
        {
            report.Deactivated = await SettleSnapshotsAsync(memberId, ct);
            await PushKindsAsync(client, memberId, holder, report, ct);
            // Everything imported before this pass began is in Bitrix24 now, as far as Bitrix24 took it: rows it
            // refused are journaled as errors and retried, but must not keep every later session "waiting". A session
            // marked in the very millisecond the pass began counts as covered: its rows were committed before the mark.
            await journal.MarkAppliedAsync(memberId, Bitrix24Work.Catalogue, passStarted, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A batch that failed after the SDK's retries (or a failed lookup) stops the run; the admin sees it.
            report.AddError($"{ex.GetType().Name}: {ex.Message}");
            throw;
        }
        finally
        {
            await journal.RecordBackgroundErrorsAsync(memberId, JournalType, report.Errors, CancellationToken.None);
            await lease.ReleaseAsync(memberId, PortalLease.CataloguePush, holder, CancellationToken.None);
        }
        logger.LogInformation("Catalogue push for {MemberId}: {Report}", memberId, report);
        return report;
    }

    /// <summary>The exchange journal's type for push errors (shown on the settings page next to 1C sessions).</summary>
    public const string JournalType = "bitrix24-catalogue";

    private async Task<int> SettleSnapshotsAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await SnapshotDeactivation.SettleAsync(db, memberId, time.GetUtcNow().ToUnixTimeMilliseconds(), exchangeOptions.Value.SessionIdleTimeout, ct);
        if (count > 0)
        {
            logger.LogInformation("Catalogue push for {MemberId}: {Count} products absent from 1C's full catalogue become inactive", memberId, count);
        }
        return count;
    }

    private async Task PushKindsAsync(IBitrix24Client client, string memberId, string holder, CataloguePushReport report, CancellationToken ct)
    {
        foreach (var kind in Order)
        {
            if (kind == CatalogueKinds.Quantity && await QuantityIsDocumentOnlyAsync(client, memberId, ct))
            {
                continue;
            }
            // Sections wait for their parents, a retired property for its replacement: repeat while a pass made progress.
            while (await PushKindAsync(client, memberId, holder, kind, report, ct) && kind is CatalogueKinds.Section or CatalogueKinds.Property)
            {
            }
            if (kind == CatalogueKinds.Property && report.PropertiesChanged > 0)
            {
                await RepushProductsAsync(memberId, ct);
            }
        }
    }

    /// <summary>A property changed type (S → L): every linked product's values must be sent again in the new form.</summary>
    private async Task RepushProductsAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.CatalogueItems.Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Product && x.BitrixId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PushedHash, (string?)null), ct);
    }

    /// <summary>
    /// With inventory management on, Bitrix24 changes stock only through documents and refuses <c>quantity</c>:
    /// pending quantities are then settled without a write (our database keeps the stock) instead of failing forever.
    /// </summary>
    private async Task<bool> QuantityIsDocumentOnlyAsync(IBitrix24Client client, string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = Pending(db, memberId).Where(x => x.Kind == CatalogueKinds.Quantity);
        if (!await pending.AnyAsync(ct))
        {
            return false;
        }
        var mode = await client.CallAsync("catalog.document.mode.status", null, CallKind.Read, ct);
        if (!string.Equals(mode.Result.ToString(), "Y", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var settled = await pending.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.PushedHash, x => x.DesiredHash)
            .SetProperty(x => x.LastError, "не отправлено: в Bitrix24 включён складской учёт (остатки меняются только документами)"), ct);
        logger.LogInformation("Catalogue push for {MemberId}: inventory management is on, {Count} quantities kept in the connector only", memberId, settled);
        return true;
    }

    public async Task<int> PendingCountAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Pending(db, memberId).CountAsync(ct);
    }

    internal static IQueryable<CatalogueItemRecord> Pending(OneCDbContext db, string memberId) =>
        db.CatalogueItems.Where(x => x.MemberId == memberId && x.Kind != CatalogueKinds.SourceProperty && x.Kind != CatalogueKinds.Snapshot && x.Kind != CatalogueKinds.OfferSnapshot
            && (x.PushedHash == null || x.PushedHash != x.DesiredHash));

    /// <returns>Whether any row of this kind was linked or written (sections repeat on progress).</returns>
    private async Task<bool> PushKindAsync(IBitrix24Client client, string memberId, string holder, string kind, CataloguePushReport report, CancellationToken ct)
    {
        var progress = false;
        string? after = null;
        // Which products have variations (and whether Bitrix24 has one yet, i.e. the product is a parent there): read once per pass.
        VariationParents? parents = null;
        if (kind is CatalogueKinds.Product or CatalogueKinds.Quantity)
        {
            await using var read = await dbFactory.CreateDbContextAsync(ct);
            parents = await VariationParents.LoadAsync(read, memberId, ct);
        }
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var query = Pending(db, memberId).Where(x => x.Kind == kind);
            if (after is not null)
            {
                query = query.Where(x => string.Compare(x.Key, after) > 0);
            }
            var rows = await query.OrderBy(x => x.Key).Take(RowsPerChunk).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return progress;
            }
            after = rows[^1].Key;
            var context = await ContextAsync(db, memberId, kind, rows, ct);
            context.Parents = parents ?? VariationParents.None;

            var unlinked = rows.Where(r => r.BitrixId is null).ToList();
            var orphans = await OrphanLookup.FindAsync(client, kind, unlinked.Select(r => r.Key).ToList(), context, ct);
            foreach (var row in unlinked.Where(r => orphans.ContainsKey(r.Key)))
            {
                row.BitrixId = orphans[row.Key];
                report.Linked++;
                progress = true;
            }
            if (kind is CatalogueKinds.Product or CatalogueKinds.Variation)
            {
                foreach (var row in rows.Where(r => r.BitrixId is not null))
                {
                    context.Products[row.Key] = row.BitrixId!.Value;
                }
            }

            var sent = new Dictionary<string, (CatalogueItemRecord Row, bool Creates, bool Retires)>(StringComparer.Ordinal);
            var commands = new List<BatchCommand>();
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var key = "c" + i;
                switch (CatalogueCommands.Build(row, JsonNode.Parse(row.Desired)!.AsObject(), context, key))
                {
                    case RowAction.Send send:
                        commands.Add(send.Command);
                        sent[key] = (row, send.Creates, send.Retires);
                        break;
                    case RowAction.Done:
                        row.PushedHash = row.DesiredHash;
                        row.LastError = null;
                        progress = true;
                        break;
                    case RowAction.Held held:
                        row.PushedHash = row.DesiredHash;
                        row.LastError = held.Reason;
                        break;
                    case RowAction.Wait wait:
                        row.LastError = wait.Reason;
                        report.Waiting++;
                        break;
                }
            }
            await db.SaveChangesAsync(ct);
            // One batch (≤ 50 commands) at a time, each outcome saved before the next is sent: a crash loses at most
            // one batch's links, and those are found again by the orphan lookup.
            foreach (var batch in commands.Chunk(BatchCalls.MaxCommands))
            {
                var result = await client.BatchAsync(batch, cancellationToken: ct);
                foreach (var command in batch)
                {
                    var (row, creates, retires) = sent[command.Key];
                    var error = result.Errors.GetValueOrDefault(command.Key);
                    var deletes = command.Method.EndsWith(".delete", StringComparison.Ordinal);
                    // Deleting what is already gone (removed by hand in Bitrix24) is the outcome we wanted.
                    if (result.Results.TryGetValue(command.Key, out var value) || (deletes && error?.Description.Contains("not exist", StringComparison.OrdinalIgnoreCase) == true))
                    {
                        if (creates)
                        {
                            row.BitrixId = value is null ? null : CatalogueCommands.CreatedId(value);
                            report.Created++;
                        }
                        else if (deletes)
                        {
                            row.BitrixId = null;
                        }
                        else if (retires)
                        {
                            row.BitrixId = null; // stays pending: the next pass adds its replacement
                            report.PropertiesChanged++;
                            report.Writes++;
                            progress = true;
                            continue;
                        }
                        row.PushedHash = row.DesiredHash;
                        row.LastError = null;
                        row.Attempts = 0;
                        report.Writes++;
                        progress = true;
                    }
                    else
                    {
                        row.Attempts++;
                        row.LastError = error is null ? "не выполнено" : $"{error.Code}: {error.Description}";
                        report.Failed++;
                        if (row.Attempts == 1)
                        {
                            report.AddError($"{kind} {row.Key}: {row.LastError}"); // journaled once, not on every retry
                        }
                        logger.LogWarning("Catalogue push for {MemberId}: {Kind} {Key} failed: {Error}", memberId, kind, row.Key, row.LastError);
                    }
                }
                await db.SaveChangesAsync(ct);
            }
            if (!await lease.TryAcquireAsync(memberId, PortalLease.CataloguePush, holder, ct))
            {
                throw new InvalidOperationException("The catalogue push lease was lost (expired and taken by another instance); stopping this run.");
            }
        }
    }

    /// <summary>Linked properties as Bitrix24 has them now; one whose change is still pending is left out (its users wait).</summary>
    private static async Task LoadPropertiesAsync(OneCDbContext db, string memberId, PushContext context, CancellationToken ct)
    {
        var rows = await db.CatalogueItems.AsNoTracking()
            .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Property && x.BitrixId != null && x.PushedHash == x.DesiredHash)
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            context.Properties[row.Key] = row.BitrixId!.Value;
            if ((string?)JsonNode.Parse(row.Desired)?["type"] == "L")
            {
                context.ListProperties.Add(row.Key);
            }
        }
    }

    /// <summary>Bitrix24 ids the rows of <paramref name="kind"/> refer to.</summary>
    private static async Task<PushContext> ContextAsync(OneCDbContext db, string memberId, string kind, List<CatalogueItemRecord> rows, CancellationToken ct)
    {
        var context = new PushContext();
        async Task Load(string refKind, Dictionary<string, long> into, List<string>? keys)
        {
            var query = db.CatalogueItems.AsNoTracking().Where(x => x.MemberId == memberId && x.Kind == refKind && x.BitrixId != null);
            if (keys is not null)
            {
                query = query.Where(x => keys.Contains(x.Key));
            }
            foreach (var row in await query.Select(x => new { x.Key, x.BitrixId }).ToListAsync(ct))
            {
                into[row.Key] = row.BitrixId!.Value;
            }
        }
        switch (kind)
        {
            case CatalogueKinds.Section:
            case CatalogueKinds.Product:
                await Load(CatalogueKinds.Section, context.Sections, null);
                context.KnownSections.UnionWith(await db.CatalogueItems.AsNoTracking()
                    .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Section).Select(x => x.Key).ToListAsync(ct));
                await LoadPropertiesAsync(db, memberId, context, ct);
                await Load(CatalogueKinds.PropertyValue, context.PropertyValues, null);
                break;
            case CatalogueKinds.Variation:
                await Load(CatalogueKinds.Product, context.Products, rows.Select(r => OneCVariant.ParentKey(r.Key)).Distinct().ToList());
                break;
            case CatalogueKinds.PropertyValue:
                await LoadPropertiesAsync(db, memberId, context, ct);
                break;
            case CatalogueKinds.Quantity:
                var quantityKeys = rows.Select(r => r.Key).ToList();
                await Load(CatalogueKinds.Product, context.Products, quantityKeys);
                var variations = new Dictionary<string, long>(StringComparer.Ordinal);
                await Load(CatalogueKinds.Variation, variations, quantityKeys);
                foreach (var (key, id) in variations)
                {
                    context.Products[key] = id;
                    context.VariationKeys.Add(key);
                }
                break;
            case CatalogueKinds.Price:
                var priceProducts = rows.Select(r => r.Key[..r.Key.LastIndexOf('|')]).Distinct().ToList();
                await Load(CatalogueKinds.Product, context.Products, priceProducts);
                await Load(CatalogueKinds.Variation, context.Products, priceProducts);
                break;
        }
        return context;
    }
}
