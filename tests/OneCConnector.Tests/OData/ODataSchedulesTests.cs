using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.OData;

namespace WineB24.OneCConnector.Tests.OData;

public class ODataSchedulesTests
{
    private static async Task<(ServiceProvider Services, IScheduler Scheduler)> SchedulerAsync(ODataRunHarness h)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.ClearProviders());
        services.AddSingleton(h.Runner());
        services.AddTransient<ODataSyncJob>();
        services.AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = "odata-" + Guid.NewGuid().ToString("N")));
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (provider, scheduler);
    }

    [Fact]
    public async Task Each_portal_gets_one_non_concurrent_job_with_a_trigger_per_kind_and_reapplying_changes_nothing()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 5);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        var (services, scheduler) = await SchedulerAsync(h);
        await using var _ = services;
        var schedules = new ODataSchedules(services.GetRequiredService<ISchedulerFactory>(), h.Connections, h.OneC.Time);

        await schedules.ApplyAsync(ODataRunHarness.Member, default);
        var receivables = (ISimpleTrigger)(await scheduler.GetTrigger(ODataSyncJob.TriggerFor(ODataRunHarness.Member, ODataSyncKind.Receivables)))!;
        await schedules.ApplyAsync(ODataRunHarness.Member, default);

        var job = (await scheduler.GetJobDetail(ODataSyncJob.KeyFor(ODataRunHarness.Member)))!;
        job.ConcurrentExecutionDisallowed.Should().BeTrue();
        job.Durable.Should().BeTrue();
        var triggers = (await scheduler.GetTriggersOfJob(job.Key)).Cast<ISimpleTrigger>().ToList();
        triggers.Select(t => (t.JobDataMap.GetString(ODataSyncJob.KindKey), t.RepeatInterval)).Should().BeEquivalentTo(new[]
        {
            ("Receivables", TimeSpan.FromMinutes(15)),
            ("Counterparties", TimeSpan.FromMinutes(60)),
        });
        triggers.Single(t => t.Key.Equals(receivables.Key)).StartTimeUtc.Should().Be(receivables.StartTimeUtc, "an unchanged interval keeps its trigger");

        var changed = h.Settings();
        changed.ReceivablesEveryMinutes = 5;
        changed.CounterpartiesEveryMinutes = 0;
        await h.Connections.SaveAsync(ODataRunHarness.Member, changed, default);
        await schedules.ApplyAsync(ODataRunHarness.Member, default);

        var after = (await scheduler.GetTriggersOfJob(job.Key)).Cast<ISimpleTrigger>().ToList();
        after.Should().ContainSingle().Which.RepeatInterval.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Uninstall_with_data_removal_drops_the_portals_job()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 1);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        var (services, scheduler) = await SchedulerAsync(h);
        await using var _ = services;
        var factory = services.GetRequiredService<ISchedulerFactory>();
        await new ODataSchedules(factory, h.Connections, h.OneC.Time).ApplyAsync(ODataRunHarness.Member, default);

        await new ODataPortalCleaner(factory).DeletePortalDataAsync(ODataRunHarness.Member, default);

        (await scheduler.Exists(ODataSyncJob.KeyFor(ODataRunHarness.Member))).Should().BeFalse();
        (await scheduler.GetTrigger(ODataSyncJob.TriggerFor(ODataRunHarness.Member, ODataSyncKind.Receivables))).Should().BeNull();
    }

    [Fact]
    public async Task A_portal_without_a_connection_has_no_job()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 1);
        var (services, scheduler) = await SchedulerAsync(h);
        await using var _ = services;

        await new ODataSchedules(services.GetRequiredService<ISchedulerFactory>(), h.Connections, h.OneC.Time).ApplyAsync(ODataRunHarness.Member, default);

        (await scheduler.Exists(ODataSyncJob.KeyFor(ODataRunHarness.Member))).Should().BeFalse();
    }

    [Fact]
    public async Task The_job_runs_the_portal_kind_named_by_its_trigger()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 30);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        var (services, scheduler) = await SchedulerAsync(h);
        await using var _ = services;
        await new ODataSchedules(services.GetRequiredService<ISchedulerFactory>(), h.Connections, h.OneC.Time).ApplyAsync(ODataRunHarness.Member, default);
        await scheduler.Start();

        await scheduler.TriggerJob(ODataSyncJob.KeyFor(ODataRunHarness.Member), new JobDataMap { [ODataSyncJob.KindKey] = "Counterparties" });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (h.Companies.Applied.Count < 30) await Task.Delay(50, timeout.Token);
        while ((await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).SingleOrDefault()?.Status != ExchangeJournal.Completed)
        {
            await Task.Delay(50, timeout.Token);
        }
        await scheduler.Shutdown(waitForJobsToComplete: true);
    }
}
