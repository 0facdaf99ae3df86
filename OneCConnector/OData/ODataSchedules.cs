using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace WineB24.OneCConnector.OData;

/// <summary>
/// Keeps each portal's Quartz job and triggers (on the app's persistent scheduler) in line with its settings:
/// a trigger per kind every N minutes, none when N is 0 or the connection is gone. Idempotent: an unchanged
/// interval leaves the trigger (and its next fire time) alone.
/// </summary>
public sealed class ODataSchedules(ISchedulerFactory schedulers, ODataConnections connections, TimeProvider time)
{
    public async Task ApplyAsync(string memberId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var portal = await connections.GetAsync(memberId, ct);
        var job = ODataSyncJob.KeyFor(memberId);
        var wanted = new Dictionary<ODataSyncKind, int>
        {
            [ODataSyncKind.Receivables] = portal?.ReceivablesEveryMinutes ?? 0,
            [ODataSyncKind.Counterparties] = portal?.CounterpartiesEveryMinutes ?? 0,
            [ODataSyncKind.Stock] = portal?.StockEveryMinutes ?? 0,
        };
        if (wanted.Values.All(m => m <= 0))
        {
            await scheduler.DeleteJob(job, ct);
            return;
        }
        if (!await scheduler.Exists(job, ct))
        {
            await scheduler.AddJob(JobBuilder.Create<ODataSyncJob>().WithIdentity(job).UsingJobData(ODataSyncJob.MemberKey, memberId)
                .StoreDurably().RequestRecovery().Build(), AddJobOptions.Replacing, ct);
        }
        foreach (var (kind, minutes) in wanted)
        {
            var key = ODataSyncJob.TriggerFor(memberId, kind);
            var existing = await scheduler.GetTrigger(key, ct) as ISimpleTrigger;
            if (minutes <= 0)
            {
                if (existing is not null) await scheduler.UnscheduleJob(key, ct);
                continue;
            }
            var interval = TimeSpan.FromMinutes(minutes);
            if (existing?.RepeatInterval == interval) continue;
            var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(job)
                .UsingJobData(ODataSyncJob.KindKey, kind.ToString())
                .StartAt(time.GetUtcNow())
                // Slots missed while the app was down are skipped: the next regular slot reads the current balance anyway.
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            if (existing is null) await scheduler.ScheduleJob(trigger, default, ct);
            else await scheduler.RescheduleJob(key, trigger, ct);
        }
    }
}

/// <summary>Brings every configured portal's schedule in line once the app starts (configuration may have changed).</summary>
public sealed class ODataScheduleStartup(ODataSchedules schedules, ODataConnections connections, ILogger<ODataScheduleStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var member in await connections.MembersAsync(cancellationToken))
        {
            try
            {
                await schedules.ApplyAsync(member, cancellationToken);
            }
            catch (SchedulerException e)
            {
                logger.LogError(e, "Could not schedule 1C OData runs for {MemberId}", member);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
