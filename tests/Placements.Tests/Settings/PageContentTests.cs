using System.Net;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Placements.Frames;
using WineB24.Placements.Settings;
using WineB24.Placements.Tests.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.Tests.Settings;

/// <summary>
/// <c>GET /api/placements/default/page</c>: the settings page's content again for its own refresh, read with the frame
/// session only (no Bitrix24 token), with the session's admin flag and language.
/// </summary>
public class PageContentTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static Task<HttpResponseMessage> ContentAsync(PlacementHost host, string? session, string? lang = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, SettingsEndpoints.ContentPath);
        if (session is not null) request.Headers.Add(FrameSessions.Header, session);
        if (lang is not null) request.Headers.Add(FrameSessions.LanguageHeader, lang);
        return host.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_page_points_its_refresh_at_the_content_path_and_the_content_is_the_page_body_after_the_AUTH_ID_expired()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        await ReviewSamples.AddAsync(host, "ООО <img src=x onerror=alert(1)>");
        var page = await host.OpenAsUserAsync();
        page.Should().Contain($"<main id=\"wineb24-page\" data-refresh=\"{SettingsEndpoints.ContentPath}\">");
        host.Portal.ExpireAllAccessTokens();

        var response = await ContentAsync(host, FramePostTests.SessionOf(page), lang: "en");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        html.Should().NotContain("<html").And.NotContain("<meta", "the content goes inside the page that already holds the session");
        html.Should().Contain("WineB24: настройки и состояние", "the session's language, not the header's");
        html.Should().Contain("id=\"onec-issue\"").And.Contain("id=\"stages-save\"").And.NotContain("id=\"read-only\"");
        html.Should().Contain("ООО &lt;img src=x onerror=alert(1)&gt;").And.NotContain("<img");
        html.Should().Contain(host.Portal.Domain, "the app's own tokens refresh themselves; the viewer's are not needed");
        host.FramePosts.Should().Be(1);
        // The same content the frame POST rendered, between the shell's <main> and </main>.
        var start = page.IndexOf("data-refresh=\"" + SettingsEndpoints.ContentPath + "\">", StringComparison.Ordinal);
        page[(page.IndexOf('>', start) + 1)..page.LastIndexOf("</main>", StringComparison.Ordinal)].Should().Be(html);
    }

    [Fact]
    public async Task A_non_admin_session_gets_the_read_only_content_in_English()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), language: "en");
        var clerk = host.Portal.AddUser("Mary");
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync(clerk.Id, lang: "en"));

        var html = await (await ContentAsync(host, session, lang: "ru")).Content.ReadAsStringAsync();

        html.Should().Contain("id=\"read-only\"").And.Contain("You see this page read-only.");
        html.Should().NotContain("id=\"onec-issue\"").And.NotContain("id=\"stages-save\"").And.NotContain("<input");
    }

    [Theory]
    [InlineData("ru", "Сеанс страницы истёк или недействителен: откройте приложение в Bitrix24 заново.")]
    [InlineData("en", "The page session has expired or is invalid: open the application in Bitrix24 again.")]
    public async Task An_expired_forged_or_missing_session_gets_401_with_the_reopen_sentence(string lang, string sentence)
    {
        var clock = new ManualClock(T0);
        await using var host = await PlacementHost.StartAsync(clock);
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());

        clock.Advance(FrameSessions.Lifetime + TimeSpan.FromSeconds(1));
        foreach (var value in new[] { session, session[..^4] + "AAAA", null })
        {
            var response = await ContentAsync(host, value, lang);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var json = JObject.Parse(await response.Content.ReadAsStringAsync());
            json.Value<string>("error").Should().Be("session_invalid");
            json.Value<string>("error_description").Should().Be(sentence);
        }
    }
}
