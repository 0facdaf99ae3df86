using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.OData;
using WineB24.Placements.BrowserTests.Support;
using WineB24.Placements.Frames;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.BrowserTests.Settings;

/// <summary>A page left open past its session: the next action says so in the viewer's language and changes nothing.</summary>
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
}
