using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WineB24.Bitrix24App.Events;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Auth;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using static WineB24.Bitrix24App.Tests.Support.BitrixPosts;

namespace WineB24.Bitrix24App.Tests.Events;

/// <summary>Event intake and the app lifecycle events, delivered by the emulated portal (forgeries by hand).</summary>
public sealed class EventsTests : AppOnEmulatedCloud
{
    private readonly TestManifest _manifest = new();
    private readonly RecordingEventHandler _handler = new();
    private readonly RecordingDataCleaner _cleaner = new();

    protected override TestManifest Manifest => _manifest;

    protected override RecordingEventHandler Handler => _handler;

    protected override RecordingDataCleaner Cleaner => _cleaner;

    private static IEnumerable<KeyValuePair<string, string>> LeadAdded(string id = "20931") => [P("data[FIELDS][ID]", id)];

    private async Task<string?> StatusOfOnlyEventAsync(string memberId)
    {
        await using var db = App.Db();
        return (await db.InboundEvents.AsNoTracking().SingleOrDefaultAsync(e => e.MemberId == memberId))?.Status;
    }

    [Fact]
    public async Task Portal_event_is_persisted_without_tokens_answered_and_dispatched_to_its_handler()
    {
        var portal = await InstalledPortalAsync();

        portal.RaiseEvent("ONCRMLEADADD", new JsonObject { ["ID"] = "20931" }, userId: 1);
        await portal.FlushDeliveriesAsync();

        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONCRMLEADADD" && d.Status == 200);
        (await Eventually.TrueAsync(() => !_handler.Received.IsEmpty)).Should().BeTrue();
        var received = _handler.Received.Single();
        received.MemberId.Should().Be(portal.MemberId);
        received.EventName.Should().Be("ONCRMLEADADD");
        received.FromOfflineQueue.Should().BeFalse();
        ((IReadOnlyDictionary<string, object>)received.Data["FIELDS"])["ID"].Should().Be("20931");
        (await Eventually.TrueAsync(async () => await StatusOfOnlyEventAsync(portal.MemberId) == InboundEventStatus.Done)).Should().BeTrue();
        await using var db = App.Db();
        var row = await db.InboundEvents.AsNoTracking().SingleAsync(e => e.MemberId == portal.MemberId);
        var delivered = portal.Deliveries.Single(d => d.Kind == "event:ONCRMLEADADD").Body;
        delivered.Should().Contain("auth%5Baccess_token%5D", "the portal sent the acting user's tokens");
        row.DataJson.Should().Contain("20931").And.NotContain("access_token").And.NotContain(portal.App.ApplicationToken);
    }

    [Fact]
    public async Task Forged_events_are_refused_and_nothing_is_stored_or_run()
    {
        var portal = await InstalledPortalAsync();

        var forged = await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, "not-the-token", LeadAdded());
        var unknownPortal = await EventAsync(App.Http, "ONCRMLEADADD", "0123456789abcdef0123456789abcdef", portal.App.ApplicationToken, LeadAdded());
        var noToken = await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, null, LeadAdded());

        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownPortal.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var db = App.Db();
        (await db.InboundEvents.CountAsync()).Should().Be(0);
        _handler.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Failing_handler_is_retried_until_it_succeeds()
    {
        var portal = await InstalledPortalAsync();
        _handler.FailuresBeforeSuccess = 2;

        portal.RaiseEvent("ONCRMLEADADD", new JsonObject { ["ID"] = "7" }, userId: 1);

        (await Eventually.TrueAsync(() => !_handler.Received.IsEmpty)).Should().BeTrue();
        (await Eventually.TrueAsync(async () => await StatusOfOnlyEventAsync(portal.MemberId) == InboundEventStatus.Done)).Should().BeTrue();
        await using var db = App.Db();
        (await db.InboundEvents.AsNoTracking().SingleAsync()).Attempts.Should().Be(3);
    }

    [Fact]
    public async Task Oversized_event_is_refused_before_parsing()
    {
        var portal = await InstalledPortalAsync();
        var response = await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, portal.App.ApplicationToken, [P("data[FIELDS][ID]", new string('x', 300_000))]);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OnAppInstall_delivers_the_first_application_token_when_the_installer_post_had_none()
    {
        var portal = await Cloud.AddPortalAsync();
        var tokens = portal.IssueTokens();
        // The installer POST can arrive without APPLICATION_TOKEN (sheet §1.3: it may come only with ONAPPINSTALL);
        // the emulator always sends it, so this one genuine-but-trimmed post is written by hand.
        (await InstallAsync(App.Http, portal.Domain, portal.MemberId, tokens.AccessToken, tokens.RefreshToken, applicationToken: null))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, portal.App.ApplicationToken, LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        portal.FinishInstall();
        await portal.FlushDeliveriesAsync();

        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPINSTALL" && d.Status == 200);
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, portal.App.ApplicationToken, LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        // Once set, a different token without confirmable tokens does not replace it.
        (await EventAsync(App.Http, "ONAPPINSTALL", portal.MemberId, "hijack-token", [P("data[VERSION]", "3")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, "hijack-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OnAppInstall_for_an_unknown_portal_installs_it_only_when_app_info_accepts_the_token()
    {
        var portal = await Cloud.AddPortalAsync();
        var tokens = portal.IssueTokens();
        // A no-UI install: Bitrix24 posts ONAPPINSTALL to the version card's install handler, which the emulator does
        // not model (it delivers only to event.bind handlers), so the post is written by hand from genuine tokens.
        IEnumerable<KeyValuePair<string, string>> Auth(string access) =>
        [
            P("auth[access_token]", access), P("auth[refresh_token]", tokens.RefreshToken), P("auth[expires_in]", "3600"),
            P("auth[client_endpoint]", portal.ClientEndpoint.ToString()), P("auth[server_endpoint]", Cloud.ServerEndpoint.ToString()),
        ];
        var appToken = portal.App.ApplicationToken;

        (await EventAsync(App.Http, "ONAPPINSTALL", portal.MemberId, appToken, [], Auth("made-up"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using (var db = App.Db())
        {
            (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
        }

        (await EventAsync(App.Http, "ONAPPINSTALL", portal.MemberId, appToken, [], Auth(tokens.AccessToken))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, appToken, LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Eventually.TrueAsync(() => portal.Robots.Robots.Count == 1)).Should().BeTrue("the registrar runs as a job after the event");
    }

    [Fact]
    public async Task App_update_replaces_the_application_token_and_reconverges_registrations_the_update_dropped()
    {
        var portal = await InstalledPortalAsync();
        var oldToken = portal.App.ApplicationToken;
        var forged = await EventAsync(App.Http, "ONAPPUPDATE", portal.MemberId, "new-token", [P("data[VERSION]", "4")], [P("auth[access_token]", "invented")]);
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, "new-token", LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        portal.UpdateApp(4, dropRegistrations: true);
        await portal.FlushDeliveriesAsync();

        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPUPDATE" && d.Status == 200);
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, portal.App.ApplicationToken, LeadAdded())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, oldToken, LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Eventually.TrueAsync(() => portal.Robots.Robots.Count == 1 && portal.Events.Bindings.Count == 5 && portal.Placements.Bindings.Count == 1))
            .Should().BeTrue("an update re-runs the registrar");
        await using var db = App.Db();
        (await db.Portals.AsNoTracking().SingleAsync(p => p.MemberId == portal.MemberId)).AppVersion.Should().Be(4);
    }

    [Fact]
    public async Task Uninstall_forgets_tokens_and_later_calls_from_that_portal_are_refused()
    {
        var portal = await InstalledPortalAsync();
        var appToken = portal.App.ApplicationToken;
        (await EventAsync(App.Http, "ONAPPUNINSTALL", portal.MemberId, "wrong", [P("data[CLEAN]", "0")])).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        portal.Uninstall(clean: false);
        await portal.FlushDeliveriesAsync();

        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPUNINSTALL" && d.Status == 200);
        (await App.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default)).Should().BeNull();
        (await EventAsync(App.Http, "ONCRMLEADADD", portal.MemberId, appToken, LeadAdded())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var db = App.Db();
        var row = await db.Portals.AsNoTracking().SingleAsync(p => p.MemberId == portal.MemberId);
        row.Installed.Should().BeFalse();
        row.AccessTokenSealed.Should().BeNull();
        row.RefreshTokenSealed.Should().BeNull();
        row.ApplicationTokenSealed.Should().BeNull();
        _cleaner.Cleaned.Should().BeEmpty();
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(OfflineEventSweepJob.KeyFor(portal.MemberId))).Should().BeFalse("uninstall stops the offline sweep");
    }

    [Fact]
    public async Task Uninstall_with_clean_calls_every_cleaner_and_deletes_only_that_portals_rows()
    {
        var portal = await InstalledPortalAsync();
        var other = await InstalledPortalAsync();
        portal.RaiseEvent("ONCRMLEADADD", new JsonObject { ["ID"] = "1" }, userId: 1);
        (await Eventually.TrueAsync(() => !_handler.Received.IsEmpty)).Should().BeTrue();

        portal.Uninstall(clean: true);
        await portal.FlushDeliveriesAsync();

        _cleaner.Cleaned.Should().Equal(portal.MemberId);
        await using var db = App.Db();
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
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(OfflineEventSweepJob.KeyFor(portal.MemberId))).Should().BeTrue("the manifest binds an offline event");
        portal.RaiseEvent("ONCRMDEALUPDATE", new JsonObject { ["ID"] = "55" }, userId: 1);
        portal.RaiseEvent("ONCRMDEALUPDATE", new JsonObject { ["ID"] = "56" }, userId: 1);
        portal.Events.OfflineQueue.Should().HaveCount(2);
        _handler.FailuresBeforeSuccess = 1;

        var sweep = ActivatorUtilities.CreateInstance<OfflineEventSweepJob>(App.Services);
        var handled = await sweep.SweepAsync(portal.MemberId, default);

        handled.Should().Be(1);
        _handler.Received.Should().ContainSingle().Which.FromOfflineQueue.Should().BeTrue();
        ((IReadOnlyDictionary<string, object>)_handler.Received.Single().Data["FIELDS"])["ID"].Should().Be("56");
        portal.Events.OfflineQueue.Should().ContainSingle("the handled record was cleared")
            .Which.Should().Match<WineB24.PortalEmulator.Events.OfflineEvent>(e => e.Error && e.Data["FIELDS"]!["ID"]!.ToString() == "55");
    }
}
