using Quartz;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Execution;

namespace WineB24.Robots.Intake;

/// <summary>
/// Persists a robot call as a durable, recoverable Quartz job before the handler answers 200, so an app restart
/// between the answer and the work loses nothing.
/// </summary>
public sealed class RobotQueue(ISchedulerFactory schedulerFactory, TimeProvider time)
{
    /// <summary>Queues the call; false when the same (portal, event_token) is already queued or running.</summary>
    public async Task<bool> EnqueueAsync(RobotInvocation invocation, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var key = RobotJobData.KeyFor(invocation.MemberId, invocation.EventToken);
        if (await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }
        var job = JobBuilder.Create<RobotRunJob>()
            .WithIdentity(key)
            .UsingJobData(RobotJobData.Write(invocation))
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name + "-1", RobotJobData.Group)
            .ForJob(key)
            .StartAt(time.GetUtcNow())
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, default, cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            // Two deliveries raced past CheckExists; the store's key constraint keeps exactly one.
            return false;
        }
    }
}
