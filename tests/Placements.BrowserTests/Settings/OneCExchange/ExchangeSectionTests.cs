using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;
using WineB24.Placements.BrowserTests.Support;
using WineB24.Placements.Tests.Support;

namespace WineB24.Placements.BrowserTests.Settings.OneCExchange;

/// <summary>
/// The 1C exchange section driven in Chromium: the admin's credential buttons and the failed-file replay, checked on
/// the page and in the connector's stores.
/// </summary>
public class ExchangeSectionTests(Browser browser) : IClassFixture<Browser>
{
    // Whole seconds near the real now: Data Protection checks the session's expiry on the machine clock as well.
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static Task<AuthenticationResult> LogInAsync(PlacementHost host, string login, string password) =>
        host.Services.GetRequiredService<ExchangeCredentials>().AuthenticateAsync(login, password, "10.0.0.1", default);

    [Fact]
    public async Task Admin_generates_changes_and_revokes_the_1C_login_and_1C_can_log_in_only_with_the_current_password()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        browser.OpenSettings(host);
        browser.Find("#onec-login").Text.Should().Be("ещё не создан");
        browser.Find("#onec-revoke").Displayed.Should().BeFalse();

        browser.Find("#onec-issue").Click();
        var password = browser.TextOf("#onec-password", t => t.Length > 0);
        var login = browser.Find("#onec-login").Text;
        browser.Find("#onec-password-note").Text.Should().StartWith("Скопируйте пароль сейчас");
        browser.Find("#onec-issue").Text.Should().Be("Сменить пароль");
        browser.Find("#onec-revoke").Displayed.Should().BeTrue();
        password.Should().HaveLength(24);
        (await LogInAsync(host, login, password)).MemberId.Should().Be(host.Portal.MemberId);

        // Changing the password asks first; "cancel" changes nothing.
        browser.Find("#onec-issue").Click();
        browser.Answer(accept: false).Should().StartWith("После смены пароля 1С не сможет выгружать данные");
        browser.Find("#onec-password").Text.Should().Be(password);
        (await LogInAsync(host, login, password)).Succeeded.Should().BeTrue();

        browser.Find("#onec-issue").Click();
        browser.Answer().Should().StartWith("После смены пароля");
        var changed = browser.TextOf("#onec-password", t => t.Length > 0 && t != password);
        browser.Find("#onec-login").Text.Should().Be(login, "a change keeps the login 1C is set up with");
        (await LogInAsync(host, login, password)).Succeeded.Should().BeFalse("the old password is retired");
        (await LogInAsync(host, login, changed)).MemberId.Should().Be(host.Portal.MemberId);

        browser.Find("#onec-revoke").Click();
        browser.Answer().Should().Be("1С больше не сможет подключаться с этим логином. Отозвать?");
        browser.TextOf("#onec-login", t => t == "доступ отозван");
        browser.Find("#onec-password").Text.Should().BeEmpty();
        browser.Find("#onec-revoke").Displayed.Should().BeFalse();
        browser.Find("#onec-issue").Text.Should().Be("Создать логин и пароль");
        (await LogInAsync(host, login, changed)).Succeeded.Should().BeFalse();
        (await host.Services.GetRequiredService<ExchangeCredentials>().FindLoginAsync(host.Portal.MemberId, default)).Should().BeNull();
    }

    [Fact]
    public async Task Admin_replays_a_failed_file_in_English_and_the_page_shows_the_replay_in_the_journal()
    {
        var clock = new ManualClock(T0 - TimeSpan.FromMinutes(5));
        await using var host = await PlacementHost.StartAsync(clock, language: "en");
        var hostile = "<img src=x onerror=\"window.__pwned=1\"> disk full";
        var id = await FailedUploads.AddAsync(host, host.Portal.MemberId, FailedUploads.GoodOffers, hostile);
        clock.Now = T0;
        browser.OpenSettings(host, lang: "en");

        var row = browser.Find("#onec-failed tbody tr");
        row.FindElements(OpenQA.Selenium.By.TagName("td"))[3].Text.Should().Be(hostile, "the reason is shown as text");
        browser.FindAll("#onec-failed img").Should().BeEmpty();
        browser.Driver.ExecuteScript("return window.__pwned === undefined").Should().Be(true);
        browser.Find("#onec-failed tbody tr td:nth-child(5)").Text.Should().Be("failed");

        browser.MarkDocument();
        browser.Find($"button.onec-replay[data-id='{id}']").Click();
        browser.Answer().Should().StartWith("The file will be imported again against the current classifier");
        browser.Answer().Should().Be("The file was imported.");
        browser.WaitForRefresh();

        browser.Find("#onec-failed tbody tr td:nth-child(5)").Text.Should().Be("resolved");
        browser.FindAll("button.onec-replay").Should().BeEmpty();
        browser.Find("#onec-journal tbody tr td:nth-child(2)").Text.Should().Be("catalog (replay)");
        (await host.Services.GetRequiredService<FailedFiles>().FindAsync(host.Portal.MemberId, id, default))!.Status.Should().Be(FailedFiles.Resolved);
        (await host.Services.GetRequiredService<StockAndPriceQuery>().ForProductAsync(host.Portal.MemberId, "w1", default))
            .Should().ContainSingle("the replayed offer is in the connector's stock and price tables");
        host.FramePosts.Should().Be(1, "the page re-read itself with its session, never by re-posting the frame form");
    }

    [Fact]
    public async Task A_superseded_file_is_replayed_only_after_the_second_confirmation()
    {
        var clock = new ManualClock(T0 - TimeSpan.FromMinutes(10));
        await using var host = await PlacementHost.StartAsync(clock);
        var member = host.Portal.MemberId;
        var id = await FailedUploads.AddAsync(host, member, FailedUploads.GoodOffers, "Склад не найден");
        // 1C delivered a newer offers file afterwards, and it imported.
        clock.Advance(TimeSpan.FromMinutes(5));
        var journal = host.Services.GetRequiredService<ExchangeJournal>();
        var newer = await journal.StartAsync(member, "s-newer", "catalog", default);
        await journal.RecordFileAsync(newer, "offers0_2.xml", ImportCounts.Empty, 0, null, default);
        await journal.CompleteAsync(newer, default);
        clock.Now = T0;
        var files = host.Services.GetRequiredService<FailedFiles>();
        browser.OpenSettings(host);

        browser.Find($"button.onec-replay[data-id='{id}']").Click();
        browser.Answer().Should().StartWith("Файл будет загружен заново");
        browser.Answer(accept: false).Should().Be(
            "После этого файла 1С передала более новый файл «offers0_2.xml»; повторная загрузка вернула бы старые данные.\n\n"
            + "После этого файла 1С уже передала более новый файл того же вида. Повторная загрузка вернёт более старые данные. Всё равно загрузить?");
        browser.Until(_ => browser.Find($"button.onec-replay[data-id='{id}']").Enabled);
        (await files.FindAsync(member, id, default))!.Status.Should().Be(FailedFiles.Failed, "the admin said no");

        browser.MarkDocument();
        browser.Find($"button.onec-replay[data-id='{id}']").Click();
        browser.Answer();
        browser.Answer();
        browser.Answer().Should().Be("Файл загружен.");
        browser.WaitForRefresh();
        browser.Find("#onec-failed tbody tr td:nth-child(5)").Text.Should().Be("загружен");
        (await files.FindAsync(member, id, default))!.Status.Should().Be(FailedFiles.Resolved);
    }

    [Fact]
    public async Task A_server_error_without_a_JSON_body_is_shown_as_a_sentence_not_a_parser_error()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        browser.OpenSettings(host);
        // The connector's store breaks under the page: the next write throws, and the host answers a bare 500.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE onec_credentials");
        }

        browser.Find("#onec-issue").Click();

        browser.Answer().Should().Be(
            "Не удалось выполнить действие: сервер ответил ошибкой (HTTP 500). Попробуйте ещё раз позже или откройте приложение заново.");
        browser.Find("#onec-login").Text.Should().Be("ещё не создан");
        browser.Find("#onec-password").Text.Should().BeEmpty();
    }
}
