using System.Net;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Placements.Frames;
using WineB24.Placements.Settings;
using WineB24.Placements.Tests.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Settings;

public class SettingsPageTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Shows_connection_state_and_registrations_compared_with_the_catalogues()
    {
        var portal = new FakePortal
        {
            Connection = new PortalConnection(true, "invalid_grant", "Refresh token revoked", new DateTimeOffset(2026, 11, 21, 7, 30, 0, TimeSpan.Zero)),
        };
        portal.Api.Answers["bizproc.robot.list"] = () => new JArray("wineb24_old_robot");
        portal.Api.Answers["placement.get"] = () => JArray.Parse("""[{"placement":"CRM_DEAL_DETAIL_TAB","handler":"https://app.example/placements/deal","title":"1C"}]""");
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));

        var html = await (await host.OpenAsync(lang: "ru")).Content.ReadAsStringAsync();

        html.Should().Contain("vino.bitrix24.ru");
        html.Should().Contain("да: invalid_grant Refresh token revoked");
        html.Should().Contain("2026-11-21 07:30 UTC");
        html.Should().Contain("ru_basic / оплачено");
        html.Should().Contain("<tr class=\"missing\"><td>robot</td><td>wineb24_check_duplicates</td>");
        html.Should().Contain("<tr class=\"extra\"><td>robot</td><td>wineb24_old_robot</td>");
        html.Should().Contain("<tr class=\"extra\"><td>placement</td><td>CRM_DEAL_DETAIL_TAB → /placements/deal</td>");
    }

    [Fact]
    public async Task Registered_robot_is_in_place_and_a_failing_call_is_reported_not_fatal()
    {
        var portal = new FakePortal();
        portal.Api.Answers["bizproc.robot.list"] = () => new JArray("wineb24_check_duplicates");
        portal.Api.Answers.TryRemove("event.get", out _);
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));

        var response = await host.OpenAsync(lang: "en");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<tr class=\"ok\"><td>robot</td><td>wineb24_check_duplicates</td><td>in place</td>");
        html.Should().Contain("event.get: ERROR_METHOD_NOT_FOUND");
    }

    [Fact]
    public async Task Hostile_values_from_the_portal_are_html_encoded()
    {
        var portal = new FakePortal
        {
            Connection = new PortalConnection(true, "x", "<img src=x onerror=alert(2)>", null),
        };
        portal.Api.Answers["bizproc.robot.list"] = () => new JArray("<script>alert(1)</script>");
        portal.Api.Answers["placement.get"] = () => JArray.Parse("""[{"placement":"\"><b>","handler":"x"}]""");
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));

        var html = await (await host.OpenAsync(lang: "<script>alert(3)</script>")).Content.ReadAsStringAsync();

        html.Should().NotContain("<script>alert").And.NotContain("<img src=x").And.NotContain("\"><b>");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.Should().Contain("&lt;img src=x onerror=alert(2)&gt;");
        html.Should().Contain("<html lang=\"en\">");
    }

    [Theory]
    [InlineData("ru", "Регистрации на портале", "нет на портале")]
    [InlineData("en", "Registrations on the portal", "missing on the portal")]
    public async Task Page_speaks_the_viewers_language(string lang, string heading, string missing)
    {
        await using var host = await PlacementHost.StartAsync(new FakePortal(), new ManualClock(T0));

        var html = await (await host.OpenAsync(lang: lang)).Content.ReadAsStringAsync();

        html.Should().Contain(heading).And.Contain(missing).And.Contain($"<html lang=\"{lang}\">");
    }

    [Fact]
    public async Task Json_state_carries_the_same_comparison()
    {
        var portal = new FakePortal();
        portal.Api.Answers["event.get"] = () => JArray.Parse("""[{"event":"ONCRMLEADADD","handler":"https://app.example/events","auth_type":"0","offline":0}]""");
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));
        var session = FramePostTests.SessionOf(await (await host.OpenAsync()).Content.ReadAsStringAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/placements/default/state");
        request.Headers.Add(FrameSessions.Header, session);
        var json = JObject.Parse(await (await host.Http.SendAsync(request)).Content.ReadAsStringAsync());

        json.Value<string>("memberId").Should().Be(FakePortal.MemberId);
        json.Value<string>("license").Should().Be("ru_basic");
        json["registrations"]!.Select(r => $"{r["kind"]}:{r["name"]}:{r["status"]}").Should().BeEquivalentTo(
            "robot:wineb24_check_duplicates:missing",
            "robot:wineb24_create_counterparty_1c:missing",
            "event:ONCRMLEADADD → /events:extra");
    }
}
