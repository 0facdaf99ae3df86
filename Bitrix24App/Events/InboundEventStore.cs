using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Events;

/// <summary>The inbound_events table: every read and write is filtered by member_id.</summary>
public sealed class InboundEventStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public async Task<long> AddAsync(string memberId, string eventName, IReadOnlyDictionary<string, object> data, bool fromOfflineQueue, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = new InboundEventRecord
        {
            MemberId = memberId,
            EventName = eventName,
            DataJson = EventData.ToJson(data),
            ReceivedAt = time.GetUtcNow(),
            FromOfflineQueue = fromOfflineQueue,
            Status = InboundEventStatus.Pending,
        };
        db.InboundEvents.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    public async Task<InboundEventRecord?> FindAsync(string memberId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InboundEvents.AsNoTracking().SingleOrDefaultAsync(e => e.MemberId == memberId && e.Id == id, cancellationToken);
    }

    public static InboundEvent ToInboundEvent(InboundEventRecord record) =>
        new(record.MemberId, record.EventName, EventData.FromJson(record.DataJson), record.ReceivedAt, record.FromOfflineQueue);

    public async Task MarkDoneAsync(string memberId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.InboundEvents.Where(e => e.MemberId == memberId && e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, InboundEventStatus.Done)
            .SetProperty(e => e.Attempts, e => e.Attempts + 1)
            .SetProperty(e => e.LastError, (string?)null)
            .SetProperty(e => e.ProcessedAt, now), cancellationToken);
    }

    /// <summary>Records a failed attempt; returns the attempts made so far. <paramref name="final"/> marks it failed for good.</summary>
    public async Task<int> RecordFailureAsync(string memberId, long id, string error, bool final, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.InboundEvents.SingleOrDefaultAsync(e => e.MemberId == memberId && e.Id == id, cancellationToken);
        if (record is null)
        {
            return 0;
        }
        record.Attempts++;
        record.LastError = error.Length <= 2000 ? error : error[..2000];
        if (final)
        {
            record.Status = InboundEventStatus.Failed;
            record.ProcessedAt = time.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken);
        return record.Attempts;
    }

    /// <summary>Pending online events (all portals), for re-scheduling after a crash between persist and schedule.</summary>
    public async Task<IReadOnlyList<(string MemberId, long Id)>> ListPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.InboundEvents.AsNoTracking()
            .Where(e => e.Status == InboundEventStatus.Pending && !e.FromOfflineQueue)
            .OrderBy(e => e.Id)
            .Select(e => new { e.MemberId, e.Id })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.MemberId, r.Id)).ToList();
    }
}
