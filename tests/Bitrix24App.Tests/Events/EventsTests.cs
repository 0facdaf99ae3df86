using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Quartz;
using WineB24.Bitrix24App.Events;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24App.Tests.Fakes;
using WineB24.Bitrix24Client.Auth;
using static WineB24.Bitrix24App.Tests.Fakes.BitrixPosts;

namespace WineB24.Bitrix24App.Tests.Events;

public sealed class EventsTests : IAsyncLifetime
{
    private FakeCloud _cloud = null!;
    private RunningApp _app = null!;
    private readonly TestManifest _manifest = new();
    private readonly RecordingEventHandler _handler = new();
    private readonly RecordingDataCleaner _cleaner = new();

    public async Task InitializeAsync()
    {
        _cloud = await FakeCloud.StartAsync();
        _app = await RunningApp.StartAsync(_cloud, _manifest, _handler, _cleaner);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    private async Task<FakePortal> InstalledPortalAsync(string? appToken = "apptoken-1")
    {
        var portal = _cloud.AddPortal();
        var (access, refresh) = _cloud.IssueTokens(portal);
        (await InstallAsync(_app.Http, portal, access, refresh, appToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        return portal;
    }

    private static IEnumerable<KeyValuePair<string, string>> LeadAdded(string id = "20931") => [P("data[FIELDS][ID]", id)];

    [Fact]
    public async Task Verified_event_is_persisted_without_tokens_answered_and_dispatched_to_its_handler()
    {
        var portal = await InstalledPortalAsync();

        var response = await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", LeadAdded(),
            [P("auth[access_token]", "secret-access-xyz"), P("auth[refresh_token]", "secret-refresh-xyz")]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Eventually.TrueAsync(() => !_handler.Received.IsEmpty)).Should().BeTrue();
        var received = _handler.Received.Single();
        received.MemberId.Should().Be(portal.MemberId);
        received.EventName.Should().Be("ONCRMLEADADD");
        received.FromOfflineQueue.Should().BeFalse();
        ((IReadOnlyDictionary<string, object>)received.Data["FIELDS"])["ID"].Should().Be("20931");

        await using var db = _app.Db();
        (await Eventually.TrueAsync(async () => (await db.InboundEvents.AsNoTracking().SingleAsync(e => e.MemberId == portal.MemberId)).Status == InboundEventStatus.Done)).Should().BeTrue();
        var row = await db.InboundEvents.AsNoTracking().SingleAsync(e => e.MemberId == portal.MemberId);
        row.DataJson.Should().NotContain("secret-access-xyz").And.NotContain("secret-refresh-xyz").And.Contain("20931");
    }

    [Fact]
    public async Task Event_with_a_wrong_application_token_is_refused_and_nothing_is_stored_or_run()
    {
        var portal = await InstalledPortalAsync();

        var forged = await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "not-the-token", LeadAdded());
        var unknownPortal = await EventAsync(_app.Http, "ONCRMLEADADD", "0123456789abcdef0123456789abcdef", "apptoken-1", LeadAdded());
        var noToken = await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, null, LeadAdded());

        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownPortal.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var db = _app.Db();
        (await db.InboundEvents.CountAsync()).Should().Be(0);
        _handler.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Failing_handler_is_retried_until_it_succeeds()
    {
        var portal = await InstalledPortalAsync();
        _handler.FailuresBeforeSuccess = 2;

        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Eventually.TrueAsync(() => !_handler.Received.IsEmpty)).Should().BeTrue();
        await using var db = _app.Db();
        (await Eventually.TrueAsync(async () => (await db.InboundEvents.AsNoTracking().SingleAsync()).Status == InboundEventStatus.Done)).Should().BeTrue();
        (await db.InboundEvents.AsNoTracking().SingleAsync()).Attempts.Should().Be(3);
    }

    [Fact]
    public async Task Oversized_event_is_refused_before_parsing()
    {
        var portal = await InstalledPortalAsync();
        var response = await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", [P("data[FIELDS][ID]", new string('x', 300_000))]);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OnAppInstall_delivers_the_first_application_token_for_a_confirmed_install()
    {
        var portal = await InstalledPortalAsync(appToken: null);
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "late-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await EventAsync(_app.Http, "ONAPPINSTALL", portal.MemberId, "late-token", [P("data[VERSION]", "3")])).StatusCode.Should().Be(HttpStatusCode.OK);

        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "late-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        // Once set, a different token without a confirmable grant does not replace it.
        (await EventAsync(_app.Http, "ONAPPINSTALL", portal.MemberId, "hijack-token", [P("data[VERSION]", "3")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "hijack-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OnAppInstall_for_an_unknown_portal_installs_it_only_with_a_confirmed_grant()
    {
        var portal = _cloud.AddPortal();
        (await EventAsync(_app.Http, "ONAPPINSTALL", portal.MemberId, "tok", [], [P("auth[refresh_token]", "made-up")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using (var db = _app.Db())
        {
            (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
        }

        var (_, refresh) = _cloud.IssueTokens(portal);
        (await EventAsync(_app.Http, "ONAPPINSTALL", portal.MemberId, "tok", [], [P("auth[refresh_token]", refresh)])).StatusCode.Should().Be(HttpStatusCode.OK);

        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "tok", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Eventually.TrueAsync(() => portal.Robots.Count == 1)).Should().BeTrue("the registrar runs as a job after the event");
    }

    [Fact]
    public async Task OnAppUpdate_replaces_the_application_token_only_with_an_access_token_the_portal_accepts()
    {
        var portal = await InstalledPortalAsync();
        var forged = await EventAsync(_app.Http, "ONAPPUPDATE", portal.MemberId, "new-token", [P("data[VERSION]", "4")], [P("auth[access_token]", "invented")]);
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "new-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        portal.Robots.Clear();
        var (access, _) = _cloud.IssueTokens(portal);
        var update = await EventAsync(_app.Http, "ONAPPUPDATE", portal.MemberId, "new-token", [P("data[VERSION]", "4")], [P("auth[access_token]", access)]);

        update.StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "new-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Eventually.TrueAsync(() => portal.Robots.Count == 1)).Should().BeTrue("an update re-runs the registrar");
        await using var db = _app.Db();
        (await db.Portals.AsNoTracking().SingleAsync(p => p.MemberId == portal.MemberId)).AppVersion.Should().Be(4);
    }

    [Fact]
    public async Task Uninstall_forgets_tokens_and_later_calls_are_refused()
    {
        var portal = await InstalledPortalAsync();
        (await EventAsync(_app.Http, "ONAPPUNINSTALL", portal.MemberId, "wrong", [P("data[CLEAN]", "0")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var response = await EventAsync(_app.Http, "ONAPPUNINSTALL", portal.MemberId, "apptoken-1", [P("data[CLEAN]", "0"), P("data[LANGUAGE_ID]", "ru")]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default)).Should().BeNull();
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var db = _app.Db();
        var row = await db.Portals.AsNoTracking().SingleAsync(p => p.MemberId == portal.MemberId);
        row.Installed.Should().BeFalse();
        row.AccessTokenSealed.Should().BeNull();
        row.RefreshTokenSealed.Should().BeNull();
        row.ApplicationTokenSealed.Should().BeNull();
        _cleaner.Cleaned.Should().BeEmpty();
    }

    [Fact]
    public async Task Uninstall_with_clean_calls_every_cleaner_and_deletes_the_portals_rows()
    {
        var portal = await InstalledPortalAsync();
        var other = await InstalledPortalAsync();
        (await EventAsync(_app.Http, "ONCRMLEADADD", portal.MemberId, "apptoken-1", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Eventually.TrueAsync(() => !_handler.Received.IsEmpty)).Should().BeTrue();

        (await EventAsync(_app.Http, "ONAPPUNINSTALL", portal.MemberId, "apptoken-1", [P("data[CLEAN]", "1")])).StatusCode.Should().Be(HttpStatusCode.OK);

        _cleaner.Cleaned.Should().Equal(portal.MemberId);
        await using var db = _app.Db();
        (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
        (await db.InboundEvents.AnyAsync(e => e.MemberId == portal.MemberId)).Should().BeFalse();
        (await db.Registrations.AnyAsync(r => r.MemberId == portal.MemberId)).Should().BeFalse();
        (await db.Portals.AnyAsync(p => p.MemberId == other.MemberId && p.Installed)).Should().BeTrue();
        (await db.Registrations.AnyAsync(r => r.MemberId == other.MemberId)).Should().BeTrue();
    }

    [Fact]
    public async Task Offline_sweep_dispatches_queued_events_then_clears_or_flags_them()
    {
        var portal = await InstalledPortalAsync();
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(OfflineEventSweepJob.KeyFor(portal.MemberId))).Should().BeTrue("the manifest binds an offline event");
        portal.OfflineQueue.Add(new JObject { ["ID"] = 1, ["EVENT_NAME"] = "ONCRMDEALUPDATE", ["EVENT_DATA"] = new JObject { ["FIELDS"] = new JObject { ["ID"] = 55 } }, ["MESSAGE_ID"] = "m1" });
        portal.OfflineQueue.Add(new JObject { ["ID"] = 2, ["EVENT_NAME"] = "ONCRMDEALUPDATE", ["EVENT_DATA"] = new JObject { ["FIELDS"] = new JObject { ["ID"] = 56 } }, ["MESSAGE_ID"] = "m2" });
        _handler.FailuresBeforeSuccess = 1;

        var sweep = ActivatorUtilities.CreateInstance<OfflineEventSweepJob>(_app.Services);
        var handled = await sweep.SweepAsync(portal.MemberId, default);

        handled.Should().Be(1);
        _handler.Received.Should().ContainSingle().Which.FromOfflineQueue.Should().BeTrue();
        ((IReadOnlyDictionary<string, object>)_handler.Received.Single().Data["FIELDS"])["ID"].Should().Be("56");
        portal.Cleared.Should().Equal("2");
        portal.Errored.Should().Equal("m1");
        portal.Calls.Should().Contain(c => c.Method == "event.offline.get" && (int)c.Parameters["clear"]! == 0);
    }

    [Fact]
    public async Task Uninstall_stops_the_offline_sweep()
    {
        var portal = await InstalledPortalAsync();
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await EventAsync(_app.Http, "ONAPPUNINSTALL", portal.MemberId, "apptoken-1", [P("data[CLEAN]", "0")])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await scheduler.Exists(OfflineEventSweepJob.KeyFor(portal.MemberId))).Should().BeFalse();
    }
}
