using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Receivables;

/// <summary>Read access to the last receivables read from 1C (what the robot and placements answer from).</summary>
public interface IReceivablesSnapshot
{
    /// <summary>The stored receivable of one 1C counterparty of the portal, or null when none was read yet.</summary>
    Task<ReceivableSnapshot?> FindAsync(string memberId, string counterpartyId, CancellationToken ct);
}

/// <summary>The per-portal receivables snapshot in <see cref="OneCDbContext"/>, filtered by portal.</summary>
public sealed class ReceivablesStore(IDbContextFactory<OneCDbContext> dbFactory) : IReceivablesSnapshot
{
    public async Task<ReceivableSnapshot?> FindAsync(string memberId, string counterpartyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = counterpartyId.ToLowerInvariant();
        var record = await db.Receivables.AsNoTracking().SingleOrDefaultAsync(r => r.MemberId == memberId && r.CounterpartyId == id, ct);
        return record is null ? null : ReceivableSnapshot.From(record);
    }
}

/// <summary>A stored receivable and the moment 1C last confirmed it.</summary>
public sealed record ReceivableSnapshot(Receivable Receivable, DateTimeOffset AsOf)
{
    public static ReceivableSnapshot From(ReceivableRecord r) => new(
        new Receivable(r.CounterpartyId, r.Debt, r.Overdue,
            r.OverdueSince is { } s ? DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null, r.CreditLimit),
        DateTimeOffset.FromUnixTimeMilliseconds(r.AsOf));
}
