using Newtonsoft.Json.Linq;
using Quartz;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// Sweeps one portal's offline event queue: <c>event.offline.get</c> with clear=0 reserves a set, each record is
/// persisted and dispatched, then <c>event.offline.clear</c> removes the handled ones and
/// <c>event.offline.error</c> flags the failed ones. A crash before clear leaves the records reserved on the
/// portal, never lost.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OfflineEventSweepJob(
    IBitrix24ClientFactory clients,
    InboundEventStore store,
    EventDispatcher dispatcher,
    ILogger<OfflineEventSweepJob> logger) : IJob
{
    public const string Group = "offline-events";
    private const string MemberIdKey = "memberId";
    private const int PageSize = 50;
    private const int MaxPagesPerRun = 20;

    public static JobKey KeyFor(string memberId) => new($"offline-sweep-{memberId}", Group);

    public static async Task EnsureScheduledAsync(IScheduler scheduler, string memberId, TimeSpan interval, CancellationToken cancellationToken)
    {
        var key = KeyFor(memberId);
        if (await scheduler.Exists(key, cancellationToken))
        {
            return;
        }
        var job = JobBuilder.Create<OfflineEventSweepJob>().WithIdentity(key).UsingJobData(MemberIdKey, memberId).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, Group)
            .ForJob(key)
            // A freshly installed portal has nothing queued yet; the first sweep comes one interval later.
            .StartAt(scheduler.TimeProvider.GetUtcNow() + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
        }
    }

    public static Task RemoveAsync(IScheduler scheduler, string memberId, CancellationToken cancellationToken) =>
        scheduler.DeleteJob(KeyFor(memberId), cancellationToken).AsTask();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var memberId = context.MergedJobDataMap.GetString(MemberIdKey) ?? "";
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MemberId"] = memberId, ["JobId"] = context.FireInstanceId });
        try
        {
            await SweepAsync(memberId, cancellationToken);
        }
        catch (Bitrix24Exception e)
        {
            // The next run tries again; reserved records stay on the portal.
            logger.LogWarning("Offline sweep stopped: {Method} answered {Code}", e.Method, e.Code);
        }
    }

    public async Task<int> SweepAsync(string memberId, CancellationToken cancellationToken)
    {
        var client = clients.ForPortal(memberId);
        var handled = 0;
        for (var page = 0; page < MaxPagesPerRun; page++)
        {
            var response = await client.CallAsync("event.offline.get", new JObject { ["clear"] = 0, ["limit"] = PageSize }, CallKind.IdempotentWrite, cancellationToken);
            var processId = response.Result["process_id"]?.ToString();
            var events = response.Result["events"] as JArray ?? [];
            if (events.Count == 0 || string.IsNullOrEmpty(processId))
            {
                break;
            }

            var done = new JArray();
            var failed = new JArray();
            foreach (var record in events.OfType<JObject>())
            {
                var name = (record["EVENT_NAME"]?.ToString() ?? "").ToUpperInvariant();
                var data = EventData.FromToken(record["EVENT_DATA"]);
                var id = await store.AddAsync(memberId, name, data, fromOfflineQueue: true, cancellationToken);
                try
                {
                    var stored = await store.FindAsync(memberId, id, cancellationToken);
                    await dispatcher.DispatchAsync(InboundEventStore.ToInboundEvent(stored!), cancellationToken);
                    await store.MarkDoneAsync(memberId, id, cancellationToken);
                    done.Add(record["ID"] ?? JValue.CreateNull());
                    handled++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await store.RecordFailureAsync(memberId, id, $"{e.GetType().Name}: {e.Message}", final: true, cancellationToken);
                    failed.Add(record["MESSAGE_ID"] ?? JValue.CreateNull());
                    logger.LogWarning(e, "Offline event {EventName} failed; flagged on the portal", name);
                }
            }

            if (done.Count > 0)
            {
                await client.CallAsync("event.offline.clear", new JObject { ["process_id"] = processId, ["id"] = done }, CallKind.IdempotentWrite, cancellationToken);
            }
            if (failed.Count > 0)
            {
                await client.CallAsync("event.offline.error", new JObject { ["process_id"] = processId, ["message_id"] = failed }, CallKind.IdempotentWrite, cancellationToken);
            }
            if (events.Count < PageSize)
            {
                break;
            }
        }
        return handled;
    }
}
