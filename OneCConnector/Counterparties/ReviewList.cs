using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24Client.Apps;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>A reason something was held back for a person: a stable code and a sentence in Russian and English.</summary>
public sealed record ReviewReason(string Code, LocalizedText Text);

/// <summary>
/// The per-portal list of what 1C sent but the sync did not write. Adding the same item again refreshes its reason,
/// payload and last-seen time; an item that later applies cleanly leaves the list.
/// </summary>
public sealed class ReviewList(IDbContextFactory<OneCDbContext> dbFactory, TimeProvider time)
{
    public const string CounterpartySubject = "counterparty";
    public const string OrderSubject = "order";

    public async Task AddAsync(string memberId, string subject, string oneCId, ReviewReason reason, string payload, CancellationToken ct,
        ApplyReport? report = null)
    {
        report?.Hold(oneCId, reason);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Review.FirstOrDefaultAsync(r => r.MemberId == memberId && r.Subject == subject && r.OneCId == oneCId, ct);
        if (row is null)
        {
            row = new ReviewRecord
            {
                MemberId = memberId, Subject = subject, OneCId = oneCId, ReasonCode = reason.Code, Reason = Format(reason), Payload = payload,
                FirstSeenAt = now,
            };
            db.Review.Add(row);
        }
        row.ReasonCode = reason.Code;
        row.Reason = Format(reason);
        row.Payload = payload;
        row.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
    }

    public async Task ResolveAsync(string memberId, string subject, IReadOnlyCollection<string> oneCIds, CancellationToken ct)
    {
        if (oneCIds.Count == 0)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Review.Where(r => r.MemberId == memberId && r.Subject == subject && oneCIds.Contains(r.OneCId)).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlyList<ReviewRecord>> ListAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Review.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.Subject).ThenBy(r => r.OneCId).ToListAsync(ct);
    }

    private static string Format(ReviewReason reason) => reason.Text.Ru + " / " + reason.Text.En;
}
