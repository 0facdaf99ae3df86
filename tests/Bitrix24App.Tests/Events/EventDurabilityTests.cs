using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WineB24.Bitrix24App.Tests.Support;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Cloud;

namespace WineB24.Bitrix24App.Tests.Events;

public sealed class EventDurabilityTests
{
    [Fact]
    public async Task Event_answered_before_a_stop_is_dispatched_by_the_next_instance()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var root = Directory.CreateTempSubdirectory("wineb24-durable-").FullName;
        var instanceName = "durable-" + Guid.NewGuid().ToString("N");
        var portal = await cloud.AddPortalAsync();
        var firstHandler = new RecordingEventHandler();

        await using (var first = await RunningApp.StartAsync(cloud, new TestManifest(), firstHandler, root: root, instanceName: instanceName))
        {
            await portal.InstallAsync(first);
            // The scheduler stops picking up work: the event is answered and stored, but not run here.
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Standby();

            portal.RaiseEvent("ONCRMLEADADD", new JsonObject { ["ID"] = "77" }, userId: 1);
            await portal.FlushDeliveriesAsync();
            portal.Deliveries.Should().Contain(d => d.Kind == "event:ONCRMLEADADD" && d.Status == 200);
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
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var root = Directory.CreateTempSubdirectory("wineb24-recovery-").FullName;
        var instanceName = "recovery-" + Guid.NewGuid().ToString("N");
        var portal = await cloud.AddPortalAsync();

        await using (var first = await RunningApp.StartAsync(cloud, new TestManifest(), new RecordingEventHandler(), root: root, instanceName: instanceName))
        {
            await portal.InstallAsync(first);
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
