using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.Counterparties;
using WineB24.Placements.BrowserTests.Support;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.BrowserTests.Settings;

/// <summary>
/// The settings page for someone the portal does not call an admin, in both languages: everything readable, nothing
/// to press but "refresh", which re-reads the portal.
/// </summary>
public class ReadOnlyViewTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Theory]
    [InlineData("ru", "Изменять настройки может только администратор портала. Вы видите страницу только для чтения.",
        "Обмен с 1С", "Синхронизация с 1С (OData)", "виден только администратору", "Регистрации на портале")]
    [InlineData("en", "Only a portal administrator can change the settings. You see this page read-only.",
        "Exchange with 1C", "Sync with 1C (OData)", "visible to administrators only", "Registrations on the portal")]
    public async Task A_non_admin_reads_everything_in_their_language_and_has_no_button_but_refresh(
        string lang, string readOnly, string exchange, string sync, string loginHidden, string registrations)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), language: lang);
        var member = host.Portal.MemberId;
        await host.Services.GetRequiredService<ExchangeCredentials>().IssueAsync(member, default);
        await FailedUploads.AddAsync(host, member, FailedUploads.GoodOffers, "<b>broken</b>");
        await host.Services.GetRequiredService<ReviewList>().AddAsync(member, ReviewList.OrderSubject, "ЗК-<i>1</i>",
            new ReviewReason("unknown_order", new("Неизвестный заказ", "Unknown order")), "{}", default);
        var clerk = host.Portal.AddUser("Мария");

        browser.OpenSettings(host, clerk.Id, lang);

        browser.Find("html").GetAttribute("lang").Should().Be(lang);
        browser.Find("#read-only").Text.Should().Be(readOnly);
        browser.FindAll("h2").Select(h => h.Text).Should().Contain([registrations, exchange, sync]);
        browser.Find("#onec-login").Text.Should().Be(loginHidden);
        browser.Find("#onec-failed tbody td:nth-child(4)").Text.Should().Be("<b>broken</b>");
        browser.Find("#review tbody tr[data-id] td:nth-child(2)").Text.Should().Be("ЗК-<i>1</i>");
        browser.FindAll("#onec-failed b, #review i").Should().BeEmpty("portal and 1C values are text, not markup");
        browser.FindAll("button").Select(b => b.GetAttribute("id")).Should().Equal("refresh");
        browser.FindAll("input, select, textarea, template").Should().BeEmpty();
        browser.FindAll("#onec-password").Should().BeEmpty("the password row is for admins");

        // Refresh works for readers too: a robot registered on the portal meanwhile shows up as "extra".
        var admin = host.Services.GetRequiredService<IBitrix24ClientFactory>().ForPortal(member);
        await admin.Bizproc.Robots.AddAsync(new { CODE = "wineb24_old_robot", HANDLER = "https://app.example/robots/old", NAME = "Старый" });
        browser.FindAll("#registrations tbody tr.extra").Should().BeEmpty();
        browser.Find("#refresh").Click();
        browser.Until(_ => browser.FindAll("#registrations tbody tr.extra").Count == 1);
        browser.Find("#registrations tbody tr.extra td:nth-child(2)").Text.Should().Be("wineb24_old_robot");
    }
}
