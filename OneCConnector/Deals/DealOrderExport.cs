using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Orders;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// <c>mode=query</c> answers from prepared snapshots only (no Bitrix24 call inside 1C's request). At-least-once: a
/// deal stays queued until 1C's <c>success</c> confirms the numbers served; a company rides along and leaves the
/// robot's company queue at the same moment.
/// </summary>
public sealed class DealOrderExport(IDbContextFactory<OneCDbContext> dbFactory, TimeProvider time) : IOrderExportSource
{
    public async Task<IReadOnlyList<OrderDocument>> GetPendingAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var snapshots = await db.DealLinks.AsNoTracking()
            .Where(l => l.MemberId == memberId && l.QueuedAt != null && l.Snapshot != null)
            .OrderBy(l => l.QueuedAt).Select(l => l.Snapshot!).ToListAsync(cancellationToken);
        return snapshots.Select(s => ExportedOrder.Deserialize(s).ToDocument()).ToList();
    }

    public async Task ConfirmExportedAsync(string memberId, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var links = await db.DealLinks.Where(l => l.MemberId == memberId && orderIds.Contains(l.OrderNumber) && l.QueuedAt != null).ToListAsync(cancellationToken);
        var companies = new List<long>();
        foreach (var link in links)
        {
            if (link.Snapshot is { } s && ExportedOrder.Deserialize(s).CompanyId is { } company)
            {
                companies.Add(company);
            }
            link.QueuedAt = null;
            link.ConfirmedAt = now;
            link.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.CompanyQueue.Where(q => q.MemberId == memberId && companies.Contains(q.CompanyId)).ExecuteDeleteAsync(cancellationToken);
    }
}
