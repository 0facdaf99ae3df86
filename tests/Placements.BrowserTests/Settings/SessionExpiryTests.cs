using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.OData;
using WineB24.Placements.BrowserTests.Support;
using WineB24.Placements.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.BrowserTests.Settings;

/// <summary>
/// A page left open past its session: the next action says so in the viewer's language and changes nothing; a refresh
/// replaces the stale page with that sentence.
/// </summary>
public class SessionExpiryTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Theory]
    [InlineData("ru", "Не получилось: Сеанс страницы истёк или недействителен: откройте приложение в Bitrix24 заново.")]
    [InlineData("en", "Failed: The page session has expired or is invalid: open the application in Bitrix24 again.")]
    public async Task An_expired_session_gets_a_readable_sentence_and_nothing_is_saved(string lang, string shown)
    {
        var clock = new ManualClock(T0);
        await using var host = await PlacementHost.StartAsync(clock, language: lang);
        browser.OpenSettings(host, lang: lang);
        browser.Find("#odata-url").SendKeys("https://1c.example.ru/trade/odata/standard.odata/");
        browser.Find("#odata-login").SendKeys("odata");
        browser.Find("#odata-password").SendKeys("секрет");

        clock.Advance(FrameSessions.Lifetime + TimeSpan.FromMinutes(1));
        browser.Find("#odata-save").Click();

        browser.TextOf("#odata-result", t => t.Length > 0).Should().Be(shown);
        (await host.Services.GetRequiredService<ODataConnections>().GetAsync(host.Portal.MemberId, default)).Should().BeNull();
    }

    [Theory]
    [InlineData("ru", "Сеанс страницы истёк или недействителен: откройте приложение в Bitrix24 заново.")]
    [InlineData("en", "The page session has expired or is invalid: open the application in Bitrix24 again.")]
    public async Task Refresh_after_the_frame_session_expired_shows_the_reopen_sentence_instead_of_the_stale_page(string lang, string sentence)
    {
        var clock = new ManualClock(T0);
        await using var host = await PlacementHost.StartAsync(clock, language: lang);
        browser.OpenSettings(host, lang: lang);
        browser.MarkDocument();

        clock.Advance(FrameSessions.Lifetime + TimeSpan.FromMinutes(1));
        browser.Find("#refresh").Click();

        browser.TextOf("#session-expired", t => t.Length > 0).Should().Be(sentence);
        browser.FindAll("#wineb24-page button, #wineb24-page input, #wineb24-page table").Should().BeEmpty("the stale controls are gone");
        browser.Find("#wineb24-status").Displayed.Should().BeFalse();
        browser.Driver.ExecuteScript("return window.__wineb24Old === true").Should().Be(true, "the document stayed");
        host.FramePosts.Should().Be(1);
    }
}
