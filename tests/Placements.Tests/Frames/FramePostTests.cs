using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using WineB24.Placements.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Frames;

public class FramePostTests
{
    // Data Protection also checks expiry against the machine clock, so the test clock starts at the real now.
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    internal static string SessionOf(string html) =>
        Regex.Match(html, "<meta name=\"wineb24-session\" content=\"([^\"]+)\">").Groups[1].Value;

    [Fact]
    public async Task Forged_application_token_gets_a_401_page_without_a_session_and_asks_the_portal_nothing()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var response = await host.PostFrameAsync(appToken: "forged");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Доступ запрещён").And.NotContain("<meta name=\"wineb24-session\"");
        host.Portal.Stats.Calls("user.current").Should().Be(0);
    }

    [Fact]
    public async Task Unknown_member_gets_a_401_page()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var response = await host.PostFrameAsync(memberId: "ffffffffffffffffffffffffffffffff", lang: "en");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Access denied");
    }

    [Fact]
    public async Task Page_opened_by_the_portal_is_frameable_carries_a_signed_session_and_no_tokens()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var response = await host.PostFrameAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors").And.Contain(host.Portal.Domain);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain(host.Portal.App.ApplicationToken)
            .And.NotContain(host.LastTokens!.AccessToken).And.NotContain(host.LastTokens.RefreshToken);

        var session = host.Services.GetSessions().Read(SessionOf(html));
        session.Should().Be(new FrameSession(host.Portal.MemberId, "1", true, "ru", T0 + FrameSessions.Lifetime));
    }

    [Fact]
    public async Task Session_says_admin_only_when_the_portal_does()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var clerk = host.Portal.AddUser("Мария", admin: false);
        var boss = host.Portal.AddUser("Олег", admin: true);

        var clerkSession = host.Services.GetSessions().Read(SessionOf(await host.OpenAsUserAsync(clerk.Id)));
        var bossSession = host.Services.GetSessions().Read(SessionOf(await host.OpenAsUserAsync(boss.Id)));

        clerkSession!.UserId.Should().Be(clerk.Id.ToString());
        clerkSession.IsAdmin.Should().BeFalse();
        bossSession!.IsAdmin.Should().BeTrue();
        host.Portal.Stats.Calls("user.admin").Should().Be(2);
    }

    [Fact]
    public async Task Viewer_is_asked_on_the_stored_portal_address_not_the_posted_domain()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        var response = await host.PostFrameAsync(domain: "evil.example");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // Identified as user 1 (and admin): the portal's own address answered, evil.example was never asked.
        var session = host.Services.GetSessions().Read(SessionOf(await response.Content.ReadAsStringAsync()));
        session!.UserId.Should().Be("1");
        session.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Viewer_the_portal_does_not_know_gets_no_admin_rights()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        host.Portal.Faults.FailNext(1, 401, "invalid_token", "Unknown token", method: "batch");

        var html = await (await host.PostFrameAsync()).Content.ReadAsStringAsync();

        var session = host.Services.GetSessions().Read(SessionOf(html));
        session!.UserId.Should().BeEmpty();
        session.IsAdmin.Should().BeFalse();
        html.Should().Contain("id=\"read-only\"");
    }

    [Fact]
    public async Task Unknown_placement_code_is_404()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));

        (await host.PostFrameAsync(code: "crm_deal_detail_tab")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"ID":"5531","URI":"\/crm\/deal\/details\/5531\/"}""", "5531")]
    [InlineData("not json", null)]
    [InlineData("[1,2]", null)]
    [InlineData("", null)]
    public void Placement_options_are_a_json_object_or_nothing(string raw, string? id)
    {
        var options = FramePost.ParseOptions(raw);
        options.Value<string?>("ID").Should().Be(id);
        if (id is not null) options.Value<string>("URI").Should().Be("/crm/deal/details/5531/");
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("RU", "ru")]
    [InlineData("en", "en")]
    [InlineData("de", "en")]
    [InlineData("", "en")]
    public void Pages_are_russian_for_ru_and_english_otherwise(string lang, string expected)
    {
        PageLanguage.From(lang).Should().Be(expected);
    }
}

internal static class ServiceLookup
{
    public static FrameSessions GetSessions(this IServiceProvider services) =>
        (FrameSessions)services.GetService(typeof(FrameSessions))!;
}
