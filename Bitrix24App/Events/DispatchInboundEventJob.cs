using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;
using WineB24.Bitrix24App.Jobs;
using WineB24.Bitrix24App.Storage;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// Dispatches one persisted inbound event to its handlers. Durable with recovery: a crash mid-run re-runs it on
/// the next start, and a finished event is never dispatched twice. Failures retry with doubling delay, then the
/// event is marked failed with its last error.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DispatchInboundEventJob(
    InboundEventStore store,
    EventDispatcher dispatcher,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<DispatchInboundEventJob> logger) : IJob
{
    public const string Group = "inbound-events";
    private const string MemberIdKey = "memberId";
    private const string EventIdKey = "eventId";

    public static JobKey KeyFor(long eventId) => new($"event-{eventId.ToString(CultureInfo.InvariantCulture)}", Group);

    /// <summary>Schedules the dispatch now; a second call for the same event is a no-op.</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, string memberId, long eventId, CancellationToken cancellationToken)
    {
        var key = KeyFor(eventId);
        var job = JobBuilder.Create<DispatchInboundEventJob>()
            .WithIdentity(key)
            .UsingJobData(MemberIdKey, memberId)
            .UsingJobData(EventIdKey, eventId.ToString(CultureInfo.InvariantCulture))
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity($"{key.Name}-0", Group).ForJob(key).StartNow().Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Already scheduled (startup recovery raced the intake, or another instance did it).
        }
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var memberId = data.GetString(MemberIdKey) ?? "";
        var eventId = long.Parse(data.GetString(EventIdKey) ?? "0", CultureInfo.InvariantCulture);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MemberId"] = memberId, ["JobId"] = context.FireInstanceId });

        var record = await store.FindAsync(memberId, eventId, cancellationToken);
        if (record is null || record.Status != InboundEventStatus.Pending)
        {
            // Done already, failed for good, or deleted with the portal's data.
            await context.Scheduler.DeleteJob(context.JobDetail.Key, cancellationToken);
            return;
        }

        try
        {
            await dispatcher.DispatchAsync(InboundEventStore.ToInboundEvent(record), cancellationToken);
            await store.MarkDoneAsync(memberId, eventId, cancellationToken);
            await context.Scheduler.DeleteJob(context.JobDetail.Key, cancellationToken);
            logger.LogInformation("Event {EventName} #{EventId} dispatched", record.EventName, eventId);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var final = record.Attempts + 1 >= settings.EventDispatchAttempts;
            var attempts = await store.RecordFailureAsync(memberId, eventId, $"{e.GetType().Name}: {e.Message}", final, cancellationToken);
            if (final)
            {
                logger.LogError(e, "Event {EventName} #{EventId} failed after {Attempts} attempts", record.EventName, eventId, attempts);
                await context.Scheduler.DeleteJob(context.JobDetail.Key, cancellationToken);
                return;
            }
            var delay = settings.EventRetryDelay * Math.Pow(2, attempts - 1);
            logger.LogWarning(e, "Event {EventName} #{EventId} attempt {Attempts} failed; retrying in {Delay}", record.EventName, eventId, attempts, delay);
            var retry = TriggerBuilder.Create()
                .WithIdentity($"{context.JobDetail.Key.Name}-{attempts}", Group)
                .ForJob(context.JobDetail.Key)
                .StartAt(time.GetUtcNow() + delay)
                .Build();
            await context.Scheduler.ScheduleJob(retry, cancellationToken: cancellationToken);
        }
    }
}
