using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WineB24.Bitrix24App.Tests.Fakes;
using static WineB24.Bitrix24App.Tests.Fakes.BitrixPosts;

namespace WineB24.Bitrix24App.Tests.Events;

public sealed class EventDurabilityTests
{
    [Fact]
    public async Task Event_answered_before_a_stop_is_dispatched_by_the_next_instance()
    {
        await using var cloud = await FakeCloud.StartAsync();
        var root = Directory.CreateTempSubdirectory("wineb24-durable-").FullName;
        var instanceName = "durable-" + Guid.NewGuid().ToString("N");
        var portal = cloud.AddPortal();
        var firstHandler = new RecordingEventHandler();

        await using (var first = await RunningApp.StartAsync(cloud, new TestManifest(), firstHandler, root: root, instanceName: instanceName))
        {
            var (access, refresh) = cloud.IssueTokens(portal);
            (await InstallAsync(first.Http, portal, access, refresh)).StatusCode.Should().Be(HttpStatusCode.OK);
            // The scheduler stops picking up work: the event is answered and stored, but not run here.
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Standby();

            (await EventAsync(first.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", [P("data[FIELDS][ID]", "77")])).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        firstHandler.Received.Should().BeEmpty();

        var secondHandler = new RecordingEventHandler();
        await using var second = await RunningApp.StartAsync(cloud, new TestManifest(), secondHandler, root: root, instanceName: instanceName);

        (await Eventually.TrueAsync(() => !secondHandler.Received.IsEmpty)).Should().BeTrue();
        ((IReadOnlyDictionary<string, object>)secondHandler.Received.Single().Data["FIELDS"])["ID"].Should().Be("77");
    }

    [Fact]
    public async Task Pending_event_without_a_job_is_scheduled_at_the_next_start()
    {
        await using var cloud = await FakeCloud.StartAsync();
        var root = Directory.CreateTempSubdirectory("wineb24-recovery-").FullName;
        var instanceName = "recovery-" + Guid.NewGuid().ToString("N");
        var portal = cloud.AddPortal();

        await using (var first = await RunningApp.StartAsync(cloud, new TestManifest(), new RecordingEventHandler(), root: root, instanceName: instanceName))
        {
            var (access, refresh) = cloud.IssueTokens(portal);
            (await InstallAsync(first.Http, portal, access, refresh)).StatusCode.Should().Be(HttpStatusCode.OK);
            // As if the process died after storing the event but before its job was written.
            await first.Services.GetRequiredService<WineB24.Bitrix24App.Events.InboundEventStore>().AddAsync(portal.MemberId, "ONCRMLEADADD",
                new Dictionary<string, object> { ["FIELDS"] = new Dictionary<string, object> { ["ID"] = "88" } }, fromOfflineQueue: false, default);
        }

        var handler = new RecordingEventHandler();
        await using var second = await RunningApp.StartAsync(cloud, new TestManifest(), handler, root: root, instanceName: instanceName);

        (await Eventually.TrueAsync(() => !handler.Received.IsEmpty)).Should().BeTrue();
        ((IReadOnlyDictionary<string, object>)handler.Received.Single().Data["FIELDS"])["ID"].Should().Be("88");
    }
}
