using Quartz;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// At start-up, schedules dispatch for pending events whose job is missing: the event row and its Quartz job are
/// written one after the other, so a crash between the two must not strand the event.
/// </summary>
public sealed class PendingEventRecovery(InboundEventStore store, ISchedulerFactory schedulers, ILogger<PendingEventRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var rescheduled = 0;
        foreach (var (memberId, id) in await store.ListPendingAsync(cancellationToken))
        {
            if (!await scheduler.Exists(DispatchInboundEventJob.KeyFor(id), cancellationToken))
            {
                await DispatchInboundEventJob.ScheduleAsync(scheduler, memberId, id, cancellationToken);
                rescheduled++;
            }
        }
        if (rescheduled > 0)
        {
            logger.LogWarning("Re-scheduled {Count} pending inbound events that had no dispatch job", rescheduled);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
