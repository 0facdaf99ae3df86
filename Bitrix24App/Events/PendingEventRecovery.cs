using Quartz;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// Schedules dispatch for pending events whose job is missing. The event row and its Quartz job are written one
/// after the other, so a crash (or a job-store failure) between the two must not strand the event: this runs at
/// start-up and then every few minutes as a Quartz job (one run per fire, also in a cluster).
/// </summary>
[DisallowConcurrentExecution]
public sealed class PendingEventRecovery(InboundEventStore store, ISchedulerFactory schedulers, ILogger<PendingEventRecovery> logger) : IHostedService, IJob
{
    public static readonly JobKey Key = new("pending-events-recovery", DispatchInboundEventJob.Group);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await RecoverAsync(scheduler, cancellationToken);
        if (!await scheduler.Exists(Key, cancellationToken))
        {
            var job = JobBuilder.Create<PendingEventRecovery>().WithIdentity(Key).StoreDurably().Build();
            var trigger = TriggerBuilder.Create().WithIdentity(Key.Name, Key.Group).ForJob(Key)
                .StartAt(scheduler.TimeProvider.GetUtcNow() + Interval)
                .WithSimpleSchedule(s => s.WithInterval(Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            try
            {
                await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another instance registered it first.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RecoverAsync(context.Scheduler, cancellationToken);

    private async Task RecoverAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
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
}
