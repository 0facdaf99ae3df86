using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using WineB24.Bitrix24App.Tests.Fakes;
using WineB24.Bitrix24Client.Auth;

namespace WineB24.Bitrix24App.Tests.Install;

public sealed class InstallTests : IAsyncLifetime
{
    private FakeCloud _cloud = null!;
    private RunningApp _app = null!;
    private readonly TestManifest _manifest = new();

    public async Task InitializeAsync()
    {
        _cloud = await FakeCloud.StartAsync();
        _app = await RunningApp.StartAsync(_cloud, _manifest);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    private async Task<HttpResponseMessage> InstallAsync(FakePortal portal, string lang = "ru", string? appToken = "apptoken-1")
    {
        var (access, refresh) = _cloud.IssueTokens(portal);
        return await BitrixPosts.InstallAsync(_app.Http, portal, access, refresh, appToken, lang);
    }

    [Fact]
    public async Task Install_registers_everything_the_manifest_declares_and_finishes()
    {
        var portal = _cloud.AddPortal();

        var response = await InstallAsync(portal);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("//api.bitrix24.com/api/v1/").And.Contain("BX24.installFinish()").And.Contain("WineB24 установлено");

        var publicUrl = _app.BaseUrl.ToString();
        portal.Robots.Should().ContainKey("wineb24_test_robot");
        portal.Robots["wineb24_test_robot"]["HANDLER"]!.ToString().Should().Be(publicUrl + "robots/wineb24_test_robot");
        portal.Placements.Should().ContainSingle(p => p["placement"]!.ToString() == "CRM_DEAL_DETAIL_TAB" && p["handler"]!.ToString() == publicUrl + "placements/deal-tab");
        portal.Events.Select(e => $"{e["event"]} {e["handler"]} {e["offline"]}").Should().BeEquivalentTo(
            $"ONAPPINSTALL {publicUrl}events 0", $"ONAPPUPDATE {publicUrl}events 0", $"ONAPPUNINSTALL {publicUrl}events 0",
            $"ONCRMLEADADD {publicUrl}events 0", "ONCRMDEALUPDATE  1");
        portal.Triggers.Should().ContainKey("wineb24_paid").WhoseValue.Should().Be("Оплачено в 1С");
        portal.UserFields["company"].Should().ContainSingle(f => f["FIELD_NAME"]!.ToString() == "UF_CRM_WINE_SEGMENT");

        await using var db = _app.Db();
        var stored = await db.Portals.SingleAsync(p => p.MemberId == portal.MemberId);
        stored.Installed.Should().BeTrue();
        stored.Domain.Should().Be(portal.Domain);
        stored.ClientEndpoint.Should().Be(portal.ClientEndpoint.ToString());
        stored.License.Should().Be("ru_std");
        var registrations = await db.Registrations.Where(r => r.MemberId == portal.MemberId).ToListAsync();
        registrations.Should().HaveCount(1 + 1 + 5 + 1 + 1).And.OnlyContain(r => r.Error == null);
    }

    [Fact]
    public async Task Second_install_converges_to_the_same_registrations_without_duplicates()
    {
        var portal = _cloud.AddPortal();
        (await InstallAsync(portal)).StatusCode.Should().Be(HttpStatusCode.OK);
        var firstCalls = portal.Calls.Count;

        (await InstallAsync(portal)).StatusCode.Should().Be(HttpStatusCode.OK);

        portal.Robots.Should().HaveCount(1);
        portal.Placements.Should().HaveCount(1);
        portal.Events.Should().HaveCount(5);
        portal.Triggers.Should().HaveCount(1);
        portal.UserFields["company"].Should().HaveCount(1);
        var secondRunWrites = portal.Calls.Skip(firstCalls).Select(c => c.Method)
            .Where(m => m.EndsWith(".add") || m.EndsWith(".bind") || m.EndsWith(".unbind") || m.EndsWith(".delete"));
        secondRunWrites.Should().BeEmpty("everything was already in place");
    }

    [Fact]
    public async Task Reinstall_after_a_manifest_change_removes_what_is_no_longer_declared()
    {
        var portal = _cloud.AddPortal();
        (await InstallAsync(portal)).StatusCode.Should().Be(HttpStatusCode.OK);

        _manifest.RobotList.Clear();
        _manifest.PlacementList[0] = _manifest.PlacementList[0] with { HandlerPath = "/placements/deal-tab-v2" };
        _manifest.EventList.RemoveAll(e => e.Offline);
        (await InstallAsync(portal)).StatusCode.Should().Be(HttpStatusCode.OK);

        portal.Robots.Should().BeEmpty();
        portal.Placements.Should().ContainSingle().Which["handler"]!.ToString().Should().EndWith("/placements/deal-tab-v2");
        portal.Events.Should().NotContain(e => (int)e["offline"]! == 1);
        portal.Events.Should().HaveCount(4);
        var scheduler = await _app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(WineB24.Bitrix24App.Events.OfflineEventSweepJob.KeyFor(portal.MemberId))).Should().BeFalse("no feature binds an offline event any more");
    }

    [Fact]
    public async Task Install_with_an_unknown_refresh_token_stores_nothing()
    {
        var portal = _cloud.AddPortal();

        var response = await BitrixPosts.InstallAsync(_app.Http, portal, "forged-access", "forged-refresh", lang: "en");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("did not confirm").And.NotContain("installFinish");
        await using var db = _app.Db();
        (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
        portal.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Install_posting_another_portals_grant_under_a_known_member_id_leaves_that_portal_untouched()
    {
        var victim = _cloud.AddPortal();
        (await InstallAsync(victim)).StatusCode.Should().Be(HttpStatusCode.OK);
        var store = _app.Services.GetRequiredService<ITokenStore>();
        var before = await store.GetAsync(victim.MemberId, default);
        await using var db1 = _app.Db();
        var sealedBefore = (await db1.Portals.AsNoTracking().SingleAsync(p => p.MemberId == victim.MemberId)).AccessTokenSealed;

        var attacker = _cloud.AddPortal();
        var (access, refresh) = _cloud.IssueTokens(attacker);
        var response = await BitrixPosts.InstallAsync(_app.Http, attacker, access, refresh, "evil-token", memberId: victim.MemberId);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var after = await store.GetAsync(victim.MemberId, default);
        after.Should().BeEquivalentTo(before);
        await using var db2 = _app.Db();
        var row = await db2.Portals.AsNoTracking().SingleAsync(p => p.MemberId == victim.MemberId);
        row.AccessTokenSealed.Should().Be(sealedBefore);
        (await db2.Portals.AnyAsync(p => p.MemberId == attacker.MemberId)).Should().BeFalse();
    }

    [Fact]
    public async Task Install_with_a_foreign_server_endpoint_is_checked_at_the_configured_oauth_server_only()
    {
        await using var rogue = await FakeCloud.StartAsync();
        var portal = rogue.AddPortal();
        var (access, refresh) = rogue.IssueTokens(portal);

        var response = await BitrixPosts.InstallAsync(_app.Http, portal, access, refresh, serverEndpoint: rogue.OAuthServer + "rest/");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        rogue.RefreshCount.Should().Be(0, "the posted SERVER_ENDPOINT must never be contacted");
        rogue.IsLiveRefreshToken(refresh).Should().BeTrue();
        await using var db = _app.Db();
        (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
    }

    [Fact]
    public async Task Tokens_are_stored_sealed_not_in_plaintext()
    {
        var portal = _cloud.AddPortal();
        (await InstallAsync(portal, appToken: "plain-app-token-123")).StatusCode.Should().Be(HttpStatusCode.OK);
        var tokens = await _app.Services.GetRequiredService<ITokenStore>().GetAsync(portal.MemberId, default);
        tokens.Should().NotBeNull();

        var connectionString = _app.Db().Database.GetConnectionString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT access_token_sealed || '|' || refresh_token_sealed || '|' || application_token_sealed FROM portals WHERE member_id = $m";
        command.Parameters.AddWithValue("$m", portal.MemberId);
        var raw = (string)(await command.ExecuteScalarAsync())!;

        raw.Should().NotContain(tokens!.AccessToken).And.NotContain(tokens.RefreshToken).And.NotContain("plain-app-token-123");
        // And nowhere in the file (WAL included) either.
        var fileText = string.Concat(Directory.GetFiles(_app.Root, "app.db*").Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s, Encoding.Latin1);
            return r.ReadToEnd();
        }));
        fileText.Should().NotContain(tokens.AccessToken).And.NotContain(tokens.RefreshToken).And.NotContain("plain-app-token-123");
    }

    [Fact]
    public async Task Failed_registration_answers_a_readable_error_page_without_install_finish()
    {
        var portal = _cloud.AddPortal();
        portal.FailingMethods["placement.bind"] = "ERROR_PLACEMENT_NOT_FOUND";

        var response = await InstallAsync(portal, lang: "en");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Some registrations failed").And.Contain("ERROR_PLACEMENT_NOT_FOUND").And.NotContain("installFinish");
        await using var db = _app.Db();
        (await db.Registrations.SingleAsync(r => r.MemberId == portal.MemberId && r.Kind == "placement")).Error.Should().Contain("ERROR_PLACEMENT_NOT_FOUND");
    }

    [Fact]
    public async Task Portal_state_is_read_in_one_batch_and_a_failed_listing_is_recorded_not_guessed()
    {
        var portal = _cloud.AddPortal();
        portal.FailingMethods["crm.automation.trigger.list"] = "ACCESS_DENIED";

        var response = await InstallAsync(portal, lang: "en");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        portal.Calls.Count(c => c.Method == "batch").Should().Be(1);
        portal.Triggers.Should().BeEmpty("what is on the portal could not be read, so nothing is added blindly");
        portal.Robots.Should().ContainKey("wineb24_test_robot");
        await using var db = _app.Db();
        (await db.Registrations.SingleAsync(r => r.MemberId == portal.MemberId && r.Kind == "trigger")).Error.Should().Contain("ACCESS_DENIED");
    }

    [Fact]
    public async Task Get_install_shows_a_help_page_in_the_requested_language()
    {
        var ru = await _app.Http.GetStringAsync("install?LANG=ru");
        var en = await _app.Http.GetStringAsync("install?LANG=en");
        ru.Should().Contain("Установщик WineB24");
        en.Should().Contain("WineB24 installer").And.Contain("/events");
    }

    [Fact]
    public async Task Post_without_member_id_is_a_bad_request()
    {
        var response = await _app.Http.PostAsync("install", BitrixPosts.Form([BitrixPosts.P("REFRESH_ID", "x")]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
