using System.Net;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.Placements.Settings;
using WineB24.Placements.Tests.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Settings;

/// <summary>The settings page as a portal user opens it, against what the emulated portal holds.</summary>
public class SettingsPageTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    private static IBitrix24Client Admin(PlacementHost host) =>
        ((IBitrix24ClientFactory)host.Services.GetService(typeof(IBitrix24ClientFactory))!).ForPortal(host.Portal.MemberId);

    [Fact]
    public async Task Shows_connection_state_and_registrations_compared_with_the_catalogues()
    {
        var connection = new FakeConnectionState
        {
            Connection = new PortalConnection(true, "invalid_grant", "Refresh token revoked", new DateTimeOffset(2026, 11, 21, 7, 30, 0, TimeSpan.Zero)),
        };
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), connection: connection);
        await Admin(host).Bizproc.Robots.AddAsync(new { CODE = "wineb24_old_robot", HANDLER = "https://app.example/robots/old", NAME = "Старый" });
        await Admin(host).Placements.BindAsync("CRM_DEAL_DETAIL_TAB", new Uri("https://app.example/placements/deal"), "1C");

        var html = await host.OpenAsUserAsync(lang: "ru");

        html.Should().Contain(host.Portal.Domain);
        html.Should().Contain("да: invalid_grant Refresh token revoked");
        html.Should().Contain("2026-11-21 07:30 UTC");
        html.Should().Contain("ru_std / оплачено");
        html.Should().Contain("<tr class=\"missing\"><td>robot</td><td>wineb24_check_duplicates</td>");
        html.Should().Contain("<tr class=\"extra\"><td>robot</td><td>wineb24_old_robot</td>");
        html.Should().Contain("<tr class=\"extra\"><td>placement</td><td>CRM_DEAL_DETAIL_TAB → /placements/deal</td>");
    }

    [Fact]
    public async Task Registered_robot_is_in_place_and_a_failing_call_is_reported_not_fatal()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), language: "en");
        await Admin(host).Bizproc.Robots.AddAsync(new { CODE = "wineb24_check_duplicates", HANDLER = "https://app.example/robots/wineb24_check_duplicates", NAME = "Дубли" });
        host.Portal.Faults.FailNext(1, 403, "ACCESS_DENIED", "Access denied!", method: "event.get");

        var html = await host.OpenAsUserAsync(lang: "en");

        html.Should().Contain("<tr class=\"ok\"><td>robot</td><td>wineb24_check_duplicates</td><td>in place</td>");
        html.Should().Contain("event.get: ACCESS_DENIED Access denied!");
    }

    [Fact]
    public async Task Hostile_values_are_html_encoded()
    {
        var connection = new FakeConnectionState { Connection = new PortalConnection(true, "x", "<img src=x onerror=alert(2)>", null) };
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), connection: connection);

        var html = await (await host.PostFrameAsync(lang: "<script>alert(3)</script>")).Content.ReadAsStringAsync();

        html.Should().NotContain("<img src=x").And.NotContain("<script>alert");
        html.Should().Contain("&lt;img src=x onerror=alert(2)&gt;");
        html.Should().Contain("<html lang=\"en\">");
    }

    [Theory]
    [InlineData("ru", "Регистрации на портале", "нет на портале", "Обмен с 1С")]
    [InlineData("en", "Registrations on the portal", "missing on the portal", "Exchange with 1C")]
    public async Task Page_speaks_the_viewers_language(string lang, string heading, string missing, string oneC)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var html = await host.OpenAsUserAsync(lang: lang);

        html.Should().Contain(heading).And.Contain(missing).And.Contain(oneC).And.Contain($"<html lang=\"{lang}\">");
    }

    [Theory]
    [InlineData("ru", "Изменять настройки может только администратор портала")]
    [InlineData("en", "Only a portal administrator can change the settings")]
    public async Task Non_admin_sees_a_read_only_page_without_the_admins_controls(string lang, string message)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var clerk = host.Portal.AddUser("Мария");

        var html = await host.OpenAsUserAsync(clerk.Id, lang);

        html.Should().Contain("id=\"read-only\"").And.Contain(message);
        html.Should().NotContain("id=\"onec-issue\"").And.NotContain("id=\"onec-revoke\"").And.NotContain("id=\"onec-password\"");
    }

    [Fact]
    public async Task Admin_sees_the_controls_and_no_read_only_notice()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var html = await host.OpenAsUserAsync();

        html.Should().NotContain("id=\"read-only\"");
        html.Should().Contain("id=\"onec-issue\"").And.Contain("Создать логин и пароль");
    }

    [Fact]
    public async Task Json_state_carries_the_same_comparison()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        await Admin(host).Events.BindAsync("ONCRMLEADADD", new Uri("https://app.example/events"));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());

        var response = await host.ApiAsync(HttpMethod.Get, "/api/placements/default/state", session);
        var json = JObject.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json.Value<string>("memberId").Should().Be(host.Portal.MemberId);
        json.Value<string>("license").Should().Be("ru_std");
        json["registrations"]!.Select(r => $"{r["kind"]}:{r["name"]}:{r["status"]}").Should().BeEquivalentTo(
            "robot:wineb24_check_duplicates:missing",
            "robot:wineb24_check_receivables:missing",
            "robot:wineb24_create_counterparty_1c:missing",
            "event:ONCRMLEADADD → /events:extra");
    }
}
