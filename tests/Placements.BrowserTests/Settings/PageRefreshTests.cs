using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;
using WineB24.Placements.BrowserTests.Support;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.BrowserTests.Settings;

/// <summary>
/// After an action the page re-reads its content through its own frame session, never by re-posting Bitrix24's frame
/// form: the host counts frame POSTs, the document is marked, and the viewer's AUTH_ID is expired on the portal.
/// </summary>
public class PageRefreshTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task Actions_show_the_new_state_without_a_form_re_POST_and_keep_working_after_the_AUTH_ID_expired()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var member = host.Portal.MemberId;
        await ReviewSamples.AddAsync(host, "ООО «Сомелье»");
        browser.OpenSettings(host);
        var browserAuthId = host.LastTokens!.AccessToken;
        host.FramePosts.Should().Be(1);

        // The viewer's 1-hour AUTH_ID (and every other access token of the portal) is now expired.
        host.Portal.ExpireAllAccessTokens();

        // Review: dismiss the order, the re-read list no longer has it, and the admin's buttons are still there.
        browser.MarkDocument();
        browser.Find($"#review tbody tr[data-id='{ReviewSamples.OrderId}'] .review-dismiss").Click();
        browser.WaitForRefresh();
        browser.FindAll("#review tbody tr[data-id]").Select(r => r.GetAttribute("data-id")).Should().Equal(ReviewSamples.BadId, ReviewSamples.GoodId);
        browser.FindAll("#read-only").Should().BeEmpty("the session still says admin; the expired AUTH_ID is not asked again");

        // Review: retry the good card (the app's own tokens refresh themselves), the row goes away.
        browser.MarkDocument();
        browser.Find($"#review tbody tr[data-id='{ReviewSamples.GoodId}'] .review-retry").Click();
        browser.Answer().Should().Be("Перенесено в Bitrix24.");
        browser.WaitForRefresh();
        browser.FindAll("#review tbody tr[data-id]").Select(r => r.GetAttribute("data-id")).Should().Equal(ReviewSamples.BadId);

        // Stage map: uncheck every send stage but one, save, the re-read page shows the saved choice.
        var first = browser.FindAll("#send-stages input.send-stage")[0].GetAttribute("value");
        foreach (var box in browser.FindAll("#send-stages input.send-stage"))
        {
            if (box.Selected != (box.GetAttribute("value") == first)) box.Click();
        }
        browser.MarkDocument();
        browser.Find("#stages-save").Click();
        browser.WaitForRefresh();
        browser.FindAll("#send-stages input.send-stage:checked").Select(c => c.GetAttribute("value")).Should().Equal(first);

        // The 1C password is shown in place once; "Refresh" then re-reads the page: login kept, password gone.
        browser.Find("#onec-issue").Click();
        browser.TextOf("#onec-password", t => t.Length > 0);
        var login = browser.Find("#onec-login").Text;
        browser.MarkDocument();
        browser.Find("#refresh").Click();
        browser.WaitForRefresh();
        browser.Find("#onec-login").Text.Should().Be(login);
        browser.Find("#onec-password").Text.Should().BeEmpty("the password exists in clear only in the answer that issued it");
        browser.Find("#onec-issue").Text.Should().Be("Сменить пароль");

        // After all the re-read content, its scripts still work: the next action re-reads once more.
        browser.MarkDocument();
        browser.Find($"#review tbody tr[data-id='{ReviewSamples.BadId}'] .review-dismiss").Click();
        browser.WaitForRefresh();
        browser.FindAll("#review tbody tr[data-id]").Should().BeEmpty();
        (await host.Services.GetRequiredService<ReviewList>().ListAsync(member, default)).Should().BeEmpty();

        host.FramePosts.Should().Be(1, "no action re-posted the Bitrix24 frame form");
        browser.Driver.ExecuteScript("return performance.getEntriesByType('navigation')[0].type").Should().Be("navigate");

        // What a form re-POST would have done now: the expired AUTH_ID no longer identifies the viewer as an admin.
        var (path, form) = host.FrameRequest();
        form["AUTH_ID"] = browserAuthId;
        var replayed = await (await host.Http.PostAsync(path, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        replayed.Should().Contain("id=\"read-only\"");
    }

    [Fact]
    public async Task A_failing_refresh_says_so_above_the_unchanged_page_and_a_later_one_clears_it()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        browser.OpenSettings(host);
        browser.MarkDocument();
        // The connector's store breaks under the page: reading the content throws and the host answers a bare 500.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE onec_credentials RENAME TO onec_credentials_away");
        }

        browser.Find("#refresh").Click();

        browser.TextOf("#wineb24-status", t => t.Length > 0).Should().Be(
            "Не удалось обновить страницу: сервер ответил ошибкой (HTTP 500). Попробуйте ещё раз позже или откройте приложение заново.");
        browser.FindAll("#onec-sync").Should().ContainSingle("the old content stays");
        browser.Driver.ExecuteScript("return window.__wineb24Old === true").Should().Be(true);

        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE onec_credentials_away RENAME TO onec_credentials");
        }
        browser.Find("#refresh").Click();
        browser.WaitForRefresh();
        browser.Until(_ => !browser.Find("#wineb24-status").Displayed);
        host.FramePosts.Should().Be(1);
        browser.FindAll("#refresh").Should().ContainSingle().Which.Should().Match<IWebElement>(b => b.Enabled);
    }
}
