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
    public async Task Forged_application_token_gets_a_401_page_without_a_session()
    {
        var portal = new FakePortal();
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));

        var response = await host.OpenAsync(appToken: "forged");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Доступ запрещён").And.NotContain("wineb24-session");
        portal.ViewerLogins.Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_member_gets_a_401_page()
    {
        await using var host = await PlacementHost.StartAsync(new FakePortal(), new ManualClock(T0));

        var response = await host.OpenAsync(memberId: "ffffffffffff", lang: "en");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Access denied");
    }

    [Fact]
    public async Task Valid_frame_post_renders_a_frameable_page_with_a_signed_session()
    {
        var portal = new FakePortal();
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));

        var response = await host.OpenAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors").And.Contain(FakePortal.Domain);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("4b1f0c66000b9c94").And.NotContain("3a9e1f66000b9c94").And.NotContain(FakePortal.AppToken);

        var session = host.Services.GetSessions().Read(SessionOf(html));
        session.Should().NotBeNull();
        session!.MemberId.Should().Be(FakePortal.MemberId);
        session.UserId.Should().Be("17");
        session.Language.Should().Be("ru");
        session.ExpiresAt.Should().Be(T0 + FrameSessions.Lifetime);
    }

    [Fact]
    public async Task Viewer_is_asked_on_the_stored_portal_address_not_the_posted_domain()
    {
        var portal = new FakePortal();
        await using var host = await PlacementHost.StartAsync(portal, new ManualClock(T0));

        (await host.OpenAsync(domain: "evil.example")).StatusCode.Should().Be(HttpStatusCode.OK);

        var login = portal.ViewerLogins.Should().ContainSingle().Subject;
        login.Endpoint.Should().Be(new Uri($"https://{FakePortal.Domain}/rest/"));
        login.Token.Should().Be("4b1f0c66000b9c94");
    }

    [Fact]
    public async Task Unknown_placement_code_is_404()
    {
        await using var host = await PlacementHost.StartAsync(new FakePortal(), new ManualClock(T0));

        (await host.OpenAsync(code: "crm_deal_detail_tab")).StatusCode.Should().Be(HttpStatusCode.NotFound);
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
