using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Tests.Support;

namespace WineB24.PortalEmulator.Tests.Events;

public sealed class OfflineQueueTests
{
    private static async Task<EmulatorFixture> WithOfflineLeads(int count)
    {
        var f = await EmulatorFixture.StartAsync(new() { Burst = 1000 });
        (await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONCRMLEADADD", ["event_type"] = "offline" })).Result!.GetValue<bool>().Should().BeTrue();
        (await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONCRMLEADUPDATE", ["event_type"] = "offline" })).Result!.GetValue<bool>().Should().BeTrue();
        f.Portal.FinishInstall();
        for (var i = 0; i < count; i++)
        {
            await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "L" + i } });
        }
        return f;
    }

    [Fact]
    public async Task Queue_keeps_the_latest_state_per_object()
    {
        await using var f = await WithOfflineLeads(1);
        for (var i = 0; i < 3; i++)
        {
            await f.CallAsync("crm.lead.update", new JsonObject { ["id"] = 1, ["fields"] = new JsonObject { ["TITLE"] = "v" + i } });
        }

        var list = await f.CallAsync("event.offline.list");

        list.Result!.AsArray().Select(e => e!["EVENT_NAME"]!.GetValue<string>()).Should().Equal("ONCRMLEADADD", "ONCRMLEADUPDATE");
    }

    [Fact]
    public async Task Reserve_with_clear_zero_then_clear_by_process()
    {
        await using var f = await WithOfflineLeads(5);

        var first = await f.CallAsync("event.offline.get", new JsonObject { ["clear"] = 0, ["limit"] = 3 });
        var second = await f.CallAsync("event.offline.get", new JsonObject { ["clear"] = 0, ["limit"] = 3 });
        var process = first.Result!["process_id"]!.GetValue<string>();
        var firstIds = first.Result!["events"]!.AsArray().Select(e => e!["ID"]!.GetValue<string>()).ToList();
        var secondIds = second.Result!["events"]!.AsArray().Select(e => e!["ID"]!.GetValue<string>()).ToList();
        var cleared = await f.CallAsync("event.offline.clear", new JsonObject { ["process_id"] = process });
        var remaining = await f.CallAsync("event.offline.list");

        firstIds.Should().HaveCount(3);
        secondIds.Should().HaveCount(2);
        firstIds.Should().NotIntersectWith(secondIds);
        cleared.Result!.GetValue<bool>().Should().BeTrue();
        remaining.Result!.AsArray().Select(e => e!["ID"]!.GetValue<string>()).Should().BeEquivalentTo(secondIds);
        first.Result!["events"]![0]!["EVENT_DATA"]!["FIELDS"]!["ID"]!.GetValue<string>().Should().Be("1");
    }

    [Fact]
    public async Task Parallel_readers_get_disjoint_sets_and_default_clear_deletes()
    {
        await using var f = await WithOfflineLeads(40);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => f.CallAsync("event.offline.get", new JsonObject { ["limit"] = 10 })));
        var after = await f.CallAsync("event.offline.list");

        var all = answers.SelectMany(a => a.Result!["events"]!.AsArray().Select(e => e!["MESSAGE_ID"]!.GetValue<string>())).ToList();
        all.Should().HaveCount(40).And.OnlyHaveUniqueItems();
        after.Result!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Errors_are_set_aside_and_returned_with_error_flag()
    {
        await using var f = await WithOfflineLeads(2);
        var got = await f.CallAsync("event.offline.get", new JsonObject { ["clear"] = 0 });
        var process = got.Result!["process_id"]!.GetValue<string>();
        var failed = got.Result!["events"]![0]!["MESSAGE_ID"]!.GetValue<string>();

        await f.CallAsync("event.offline.error", new JsonObject { ["process_id"] = process, ["message_id"] = new JsonArray(failed) });
        await f.CallAsync("event.offline.clear", new JsonObject { ["process_id"] = process });
        var normal = await f.CallAsync("event.offline.get");
        var errors = await f.CallAsync("event.offline.get", new JsonObject { ["error"] = 1 });
        var nonAdmin = await f.CallAsync("event.offline.get", token: f.Portal.IssueTokens(f.Portal.AddUser("Менеджер").Id).AccessToken);

        normal.Result!["events"]!.AsArray().Should().BeEmpty();
        errors.Result!["events"]!.AsArray().Single()!["MESSAGE_ID"]!.GetValue<string>().Should().Be(failed);
        nonAdmin.Error.Should().Be("ACCESS_DENIED");
    }

    [Fact]
    public async Task Onofflineevent_signals_new_items_throttled_by_min_timeout()
    {
        var clock = new WineB24.PortalEmulator.Time.ScaledTimeProvider(1e-9);
        await using var f = await EmulatorFixture.StartAsync(new() { Burst = 1000 }, new WineB24.PortalEmulator.Cloud.CloudOptions { Time = clock });
        await using var app = await AppReceiver.StartAsync();
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONCRMLEADADD", ["event_type"] = "offline" });
        await f.CallAsync("event.bind", new JsonObject { ["event"] = "ONOFFLINEEVENT", ["handler"] = app.Url("signal").ToString(), ["options"] = new JsonObject { ["minTimeout"] = 30 } });
        f.Portal.FinishInstall();

        for (var i = 0; i < 3; i++)
        {
            await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "L" } });
        }
        clock.Advance(TimeSpan.FromSeconds(31));
        await f.CallAsync("crm.lead.add", new JsonObject { ["fields"] = new JsonObject { ["TITLE"] = "L" } });
        await f.Portal.FlushDeliveriesAsync();

        app.Requests.Should().HaveCount(2);
        app.Requests[0].Form["event"]!.GetValue<string>().Should().Be("ONOFFLINEEVENT");
        app.Requests[0].Form["auth"]!["refresh_token"].Should().NotBeNull();
    }
}
