using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Methods;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bitrix24App.Tests.Install;

/// <summary>The installer against the emulated cloud, with a manifest the tests control.</summary>
public sealed class InstallTests : AppOnEmulatedCloud
{
    private readonly TestManifest _manifest = new();

    protected override TestManifest Manifest => _manifest;

    // What must not happen on a converged portal is anything added, bound, unbound or deleted (robot updates of
    // unchanged definitions are covered by Registrations/RobotReconvergeTests).
    private static readonly string[] WriteSuffixes = [".add", ".bind", ".unbind", ".delete"];

    private static long Writes(EmulatedPortal portal) =>
        portal.Stats.CallsPerMethod.Where(c => WriteSuffixes.Any(s => c.Key.EndsWith(s, StringComparison.Ordinal))).Sum(c => c.Value);

    [Fact]
    public async Task Install_registers_everything_the_manifest_declares_and_finishes()
    {
        var portal = await Cloud.AddPortalAsync();

        var response = await portal.PostInstallerAsync(App.InstallerUrl, lang: "ru");

        response.Status.Should().Be(200, response.Body);
        response.Body.Should().Contain("//api.bitrix24.com/api/v1/").And.Contain("BX24.installFinish()").And.Contain("WineB24 установлено");
        var publicUrl = App.BaseUrl.ToString();
        portal.Robots.Robots.Should().ContainKey("wineb24_test_robot");
        portal.Robots.Robots["wineb24_test_robot"]["HANDLER"]!.ToString().Should().Be(publicUrl + "robots/wineb24_test_robot");
        portal.Placements.Bindings.Should().ContainSingle(p => p.Placement == "CRM_DEAL_DETAIL_TAB" && p.Handler == publicUrl + "placements/deal-tab");
        portal.Events.Bindings.Select(e => $"{e.Event} {e.Handler} {e.Offline}").Should().BeEquivalentTo(
            $"ONAPPINSTALL {publicUrl}events False", $"ONAPPUPDATE {publicUrl}events False", $"ONAPPUNINSTALL {publicUrl}events False",
            $"ONCRMLEADADD {publicUrl}events False", "ONCRMDEALUPDATE  True");
        portal.Triggers.Triggers.Should().ContainKey("wineb24_paid").WhoseValue.Should().Be("Оплачено в 1С");
        portal.Crm.UserFields.Of(CrmEntityType.Company).Should().ContainSingle(f => f["FIELD_NAME"]!.ToString() == "UF_CRM_WINE_SEGMENT");
        portal.Stats.Calls("batch").Should().Be(1, "the portal's registrations are read in one batch");

        await using var db = App.Db();
        var stored = await db.Portals.SingleAsync(p => p.MemberId == portal.MemberId);
        stored.Installed.Should().BeTrue();
        stored.Domain.Should().Be(portal.Domain);
        stored.ClientEndpoint.Should().Be(portal.ClientEndpoint.ToString());
        stored.License.Should().Be("ru_std");
        stored.Plan.Should().Be("standard");
        var registrations = await db.Registrations.Where(r => r.MemberId == portal.MemberId).ToListAsync();
        registrations.Should().HaveCount(1 + 1 + 5 + 1 + 1).And.OnlyContain(r => r.Error == null);
    }

    [Fact]
    public async Task InstallFinish_delivers_OnAppInstall_and_the_portal_is_installed_with_its_application_token()
    {
        var portal = await Cloud.AddPortalAsync();

        await portal.InstallAsync(App);

        portal.App.State.Should().Be(AppState.Installed);
        portal.Deliveries.Should().Contain(d => d.Kind == "event:ONAPPINSTALL" && d.Status == 200);
        var identity = await App.Services.GetRequiredService<WineB24.Bitrix24Client.Inbound.IPortalDirectory>().FindAsync(portal.MemberId, default);
        identity!.ApplicationToken.Should().Be(portal.App.ApplicationToken);
    }

    [Fact]
    public async Task Second_install_converges_to_the_same_registrations_without_duplicates()
    {
        var portal = await Cloud.AddPortalAsync();
        await portal.InstallAsync(App);
        var writesAfterFirst = Writes(portal);
        var before = portal.Stats.CallsPerMethod.ToDictionary(c => c.Key, c => c.Value);

        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);

        portal.Robots.Robots.Should().HaveCount(1);
        portal.Placements.Bindings.Should().HaveCount(1);
        portal.Events.Bindings.Should().HaveCount(5);
        portal.Triggers.Triggers.Should().HaveCount(1);
        portal.Crm.UserFields.Of(CrmEntityType.Company).Should().HaveCount(1);
        Writes(portal).Should().Be(writesAfterFirst, "everything was already in place: " + string.Join(",", portal.Stats.CallsPerMethod.Where(c => before.GetValueOrDefault(c.Key) != c.Value).Select(c => c.Key)));
    }

    [Fact]
    public async Task Reinstall_after_a_manifest_change_removes_what_is_no_longer_declared()
    {
        var portal = await Cloud.AddPortalAsync();
        await portal.InstallAsync(App);

        _manifest.RobotList.Clear();
        _manifest.PlacementList[0] = _manifest.PlacementList[0] with { HandlerPath = "/placements/deal-tab-v2" };
        _manifest.EventList.RemoveAll(e => e.Offline);
        (await portal.PostInstallerAsync(App.InstallerUrl)).Status.Should().Be(200);

        portal.Robots.Robots.Should().BeEmpty();
        portal.Placements.Bindings.Should().ContainSingle().Which.Handler.Should().EndWith("/placements/deal-tab-v2");
        portal.Events.Bindings.Should().NotContain(e => e.Offline).And.HaveCount(4);
        var scheduler = await App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(WineB24.Bitrix24App.Events.OfflineEventSweepJob.KeyFor(portal.MemberId))).Should().BeFalse("no feature binds an offline event any more");
    }

    [Fact]
    public async Task Install_with_made_up_tokens_stores_nothing_and_never_reaches_the_portal()
    {
        var portal = await Cloud.AddPortalAsync();

        var response = await BitrixPosts.InstallAsync(App.Http, portal.Domain, portal.MemberId, "forged-access", "forged-refresh", "apptoken", lang: "en");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("did not confirm").And.NotContain("installFinish");
        await using var db = App.Db();
        (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
        portal.Stats.Requests.Should().Be(0, "the OAuth server refused the token before the posted address was contacted");
    }

    [Fact]
    public async Task Install_posting_another_portals_grant_under_a_known_member_id_leaves_that_portal_untouched()
    {
        var victim = await Cloud.AddPortalAsync();
        await victim.InstallAsync(App);
        var store = App.Services.GetRequiredService<ITokenStore>();
        var before = await store.GetAsync(victim.MemberId, default);
        await using var db1 = App.Db();
        var rowBefore = await db1.Portals.AsNoTracking().SingleAsync(p => p.MemberId == victim.MemberId);

        // The attacker holds genuine tokens of this app on its own portal and claims the victim's member_id.
        var attacker = await Cloud.AddPortalAsync();
        var tokens = attacker.IssueTokens();
        var response = await BitrixPosts.InstallAsync(App.Http, attacker.Domain, victim.MemberId, tokens.AccessToken, tokens.RefreshToken, "evil-token");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await store.GetAsync(victim.MemberId, default)).Should().BeEquivalentTo(before);
        await using var db2 = App.Db();
        var rowAfter = await db2.Portals.AsNoTracking().SingleAsync(p => p.MemberId == victim.MemberId);
        rowAfter.AccessTokenSealed.Should().Be(rowBefore.AccessTokenSealed);
        rowAfter.ApplicationTokenSealed.Should().Be(rowBefore.ApplicationTokenSealed);
        rowAfter.ClientEndpoint.Should().Be(victim.ClientEndpoint.ToString());
        (await db2.Portals.AnyAsync(p => p.MemberId == attacker.MemberId)).Should().BeFalse();
        attacker.Stats.Requests.Should().Be(0, "a known member_id is confirmed only at its stored endpoint, never at the posted one");
    }

    [Fact]
    public async Task Install_claiming_a_never_seen_member_id_with_another_portals_grant_is_refused_and_the_real_portal_installs_later()
    {
        // The attacker's genuine grant passes app.info everywhere (app.info names no portal); only the OAuth server's
        // answer to the refresh token says which portal the grant belongs to.
        var future = await Cloud.AddPortalAsync();
        var attacker = await Cloud.AddPortalAsync();
        var tokens = attacker.IssueTokens();

        var squat = await BitrixPosts.InstallAsync(App.Http, attacker.Domain, future.MemberId, tokens.AccessToken, tokens.RefreshToken, "evil-token");

        squat.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await squat.Content.ReadAsStringAsync()).Should().Contain("MEMBER_ID_MISMATCH");
        await using (var db = App.Db())
        {
            (await db.Portals.AnyAsync(p => p.MemberId == future.MemberId)).Should().BeFalse();
        }

        await future.InstallAsync(App);
        await using var after = App.Db();
        var row = await after.Portals.AsNoTracking().SingleAsync(p => p.MemberId == future.MemberId);
        row.ClientEndpoint.Should().Be(future.ClientEndpoint.ToString());
    }

    [Fact]
    public async Task First_install_keeps_the_pair_the_oauth_server_issued_for_the_posted_refresh_token()
    {
        var portal = await Cloud.AddPortalAsync();
        var refreshesBefore = portal.RefreshCount;

        await portal.InstallAsync(App);

        portal.RefreshCount.Should().Be(refreshesBefore + 1, "a never-seen portal is bound by redeeming its refresh token once");
        var stored = await App.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default);
        stored.Should().NotBeNull();
        stored!.ClientEndpoint.Should().Be(portal.ClientEndpoint);
        var calls = portal.Stats.Requests;
        await App.Services.GetRequiredService<WineB24.Bitrix24Client.Calls.IBitrix24ClientFactory>().ForPortal(portal.MemberId).App.InfoAsync(default);
        portal.Stats.Requests.Should().Be(calls + 1);
        portal.RefreshCount.Should().Be(refreshesBefore + 1, "the stored pair is live: no further refresh was needed");
    }

    [Fact]
    public async Task Install_with_tokens_of_a_foreignCloud_is_checked_at_the_configured_oauth_server_only()
    {
        await using var rogue = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = Cloud.ClientId, ClientSecret = "other" });
        var portal = await rogue.AddPortalAsync();
        var tokens = portal.IssueTokens();

        var response = await BitrixPosts.InstallAsync(App.Http, portal.Domain, portal.MemberId, tokens.AccessToken, tokens.RefreshToken, "tok",
            serverEndpoint: rogue.ServerEndpoint.ToString());

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        rogue.RefreshCount.Should().Be(0);
        portal.Stats.Requests.Should().Be(0, "neither the posted SERVER_ENDPOINT nor the posted portal is contacted");
        await using var db = App.Db();
        (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
    }

    [Fact]
    public async Task Tokens_are_stored_sealed_not_in_plaintext()
    {
        var portal = await Cloud.AddPortalAsync();
        await portal.InstallAsync(App);
        var tokens = await App.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default);
        tokens.Should().NotBeNull();
        var appToken = portal.App.ApplicationToken;

        var connectionString = App.Db().Database.GetConnectionString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT access_token_sealed || '|' || refresh_token_sealed || '|' || application_token_sealed FROM portals WHERE member_id = $m";
        command.Parameters.AddWithValue("$m", portal.MemberId);
        var raw = (string)(await command.ExecuteScalarAsync())!;

        raw.Should().NotContain(tokens!.AccessToken).And.NotContain(tokens.RefreshToken).And.NotContain(appToken);
        // And nowhere in the file (WAL included) either.
        var fileText = string.Concat(Directory.GetFiles(App.Root, "app.db*").Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s, Encoding.Latin1);
            return r.ReadToEnd();
        }));
        fileText.Should().NotContain(tokens.AccessToken).And.NotContain(tokens.RefreshToken).And.NotContain(appToken);
    }

    [Fact]
    public async Task Failed_registration_answers_a_readable_error_page_without_install_finish()
    {
        var portal = await Cloud.AddPortalAsync();
        portal.Faults.FailNext(1, 400, "ERROR_PLACEMENT_NOT_FOUND", "Placement not found", method: "placement.bind");

        var response = await portal.PostInstallerAsync(App.InstallerUrl, lang: "en");

        response.Status.Should().Be(502);
        response.Body.Should().Contain("Some registrations failed").And.Contain("ERROR_PLACEMENT_NOT_FOUND").And.NotContain("installFinish");
        await using var db = App.Db();
        (await db.Registrations.SingleAsync(r => r.MemberId == portal.MemberId && r.Kind == "placement")).Error.Should().Contain("ERROR_PLACEMENT_NOT_FOUND");
    }

    [Fact]
    public async Task Unreadable_portal_state_is_recorded_and_nothing_is_added_blindly()
    {
        var portal = await Cloud.AddPortalAsync();
        portal.Faults.FailNext(1, 403, "ACCESS_DENIED", "Access denied!", method: "batch");

        var response = await portal.PostInstallerAsync(App.InstallerUrl, lang: "en");

        response.Status.Should().Be(502);
        Writes(portal).Should().Be(0, "what is on the portal could not be read");
        portal.Robots.Robots.Should().BeEmpty();
        await using var db = App.Db();
        (await db.Registrations.SingleAsync(r => r.MemberId == portal.MemberId)).Error.Should().Contain("ACCESS_DENIED");
    }

    [Fact]
    public async Task Get_install_shows_a_help_page_in_the_requested_language()
    {
        var ru = await App.Http.GetStringAsync("install?LANG=ru");
        var en = await App.Http.GetStringAsync("install?LANG=en");
        ru.Should().Contain("Установщик WineB24");
        en.Should().Contain("WineB24 installer").And.Contain("/events");
    }

    [Fact]
    public async Task Post_without_member_id_is_a_bad_request()
    {
        var response = await App.Http.PostAsync("install", BitrixPosts.Form([BitrixPosts.P("REFRESH_ID", "x")]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
