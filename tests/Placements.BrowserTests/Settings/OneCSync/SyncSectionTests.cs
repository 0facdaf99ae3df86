using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using Quartz;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.OData;
using WineB24.OneCEmulator.OData;
using WineB24.Placements.BrowserTests.Support;
using WineB24.Placements.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.Placements.BrowserTests.Settings.OneCSync;

/// <summary>
/// The 1C sync section driven in Chromium: the OData form against the fake 1C OData service, the stage map against
/// the emulated portal's real deal stages, the review list's retry and dismiss; checked on the page and in the
/// connector's stores.
/// </summary>
public class SyncSectionTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private void Type(string css, string text)
    {
        var input = browser.Find(css);
        input.Clear();
        input.SendKeys(text);
    }

    [Fact]
    public async Task Admin_saves_and_checks_the_OData_connection_and_a_refused_form_says_why()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        await using var oneC = await FakeODataService.StartAsync(TradeInfobase.Generate(3, 5, DateTime.UtcNow).Infobase);
        var connections = host.Services.GetRequiredService<ODataConnections>();
        browser.OpenSettings(host);
        browser.Find("#odata-none").Text.Should().Be("Подключение к 1С по OData ещё не настроено.");

        // A wrong address: the API's sentence is shown, nothing is saved.
        Type("#odata-url", "ftp://1c.local/odata/");
        Type("#odata-login", oneC.Login);
        Type("#odata-password", oneC.Password);
        browser.Find("#odata-save").Click();
        browser.TextOf("#odata-result", t => t.Length > 0).Should()
            .Be("Не получилось: Адрес OData должен быть полным адресом http(s)://…/odata/standard.odata/.");
        (await connections.GetAsync(host.Portal.MemberId, default)).Should().BeNull();

        Type("#odata-url", oneC.BaseUri.AbsoluteUri);
        browser.Find("#odata-configuration option[value='Unf']").Click();
        Type("#odata-receivables", "15");
        Type("#odata-counterparties", "60");
        Type("#odata-stock", "0");
        browser.Find("#odata-save").Click();
        browser.TextOf("#odata-result", t => t == "Сохранено, расписание обновлено.");
        browser.Find("#odata-password").GetAttribute("value").Should().BeEmpty("the page does not keep the password");
        var saved = (await connections.GetAsync(host.Portal.MemberId, default))!;
        (saved.Connection.BaseUri.AbsoluteUri, saved.Connection.Login, saved.Connection.Password, saved.Preset.Configuration)
            .Should().Be((oneC.BaseUri.AbsoluteUri, oneC.Login, oneC.Password, OneCConfiguration.Unf));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.GetTriggersOfJob(ODataSyncJob.KeyFor(host.Portal.MemberId))).Select(t => ((ISimpleTrigger)t).RepeatInterval)
            .Should().BeEquivalentTo([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)]);

        // Check with the empty password field: the stored password is used, 1C is read once.
        var before = oneC.RequestCount;
        browser.Find("#odata-check").Click();
        browser.TextOf("#odata-result", t => t.StartsWith("1С ответила", StringComparison.Ordinal))
            .Should().Be("1С ответила: подключение работает (Catalog_Контрагенты: есть записи).");
        (oneC.RequestCount - before).Should().Be(1);

        Type("#odata-password", "не тот пароль");
        browser.Find("#odata-check").Click();
        browser.TextOf("#odata-result", t => t.StartsWith("1С отклонила", StringComparison.Ordinal))
            .Should().StartWith("1С отклонила вход: проверьте логин/пароль OData");
        (await connections.GetAsync(host.Portal.MemberId, default))!.Connection.Password.Should().Be(oneC.Password, "a check saves nothing");
    }

    [Fact]
    public async Task Admin_maps_a_1C_status_to_a_portal_stage_and_a_portal_failure_is_shown_as_a_sentence()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var member = host.Portal.MemberId;
        browser.OpenSettings(host);
        browser.FindAll("template#stage-row").Should().ContainSingle();
        var rowsBefore = browser.FindAll("#stage-map tbody tr").Count;
        var shipping = browser.FindAll("#send-stages input.send-stage").Select(c => c.GetAttribute("value")!)
            .First(s => s is not "NEW" and not "WON" and not "LOSE");

        browser.Find("#stage-add").Click();
        browser.Until(_ => browser.FindAll("#stage-map tbody tr").Count == rowsBefore + 1);
        var added = browser.FindAll("#stage-map tbody tr")[rowsBefore];
        added.FindElement(By.CssSelector("input.stage-status")).SendKeys("[7] Согласован сомелье");
        added.FindElement(By.CssSelector($"select.stage-id option[value='{shipping}']")).Click();
        foreach (var box in browser.FindAll("#send-stages input.send-stage"))
        {
            if (box.Selected != (box.GetAttribute("value") == "NEW")) box.Click();
        }
        browser.MarkDocument();
        browser.Find("#stages-save").Click();
        browser.WaitForRefresh();

        var clients = host.Services.GetRequiredService<IBitrix24ClientFactory>();
        var map = await host.Services.GetRequiredService<StageMap>().GetAsync(member, clients.ForPortal(member), default);
        map.Find(OrderStatusKey.Normalize("Согласован сомелье"))!.StageId.Should().Be(shipping);
        map.SendStages.Should().BeEquivalentTo(["NEW"]);
        browser.FindAll("#stage-map tbody tr").Should().HaveCount(rowsBefore + 1, "the re-read page shows the saved map");
        // The map matches on the normalized key (OrderStatusKey) but keeps the status as typed, and the page shows that.
        browser.FindAll("#stage-map input.stage-status").Select(i => i.GetAttribute("value")).Should().Contain("[7] Согласован сомелье");
        browser.FindAll("#send-stages input.send-stage:checked").Select(c => c.GetAttribute("value")).Should().Equal("NEW");

        // The portal refuses the stage read (more failures than the SDK retries): the page says so, the map stays.
        host.Portal.Faults.FailNext(10, 403, "ACCESS_DENIED", "Access denied", method: "crm.category.list");
        browser.FindAll("#stage-map input.stage-status")[0].Clear();
        browser.Find("#stages-save").Click();
        browser.TextOf("#stages-result", t => t.Length > 0).Should().StartWith("Не получилось: Не удалось прочитать стадии сделок портала");
        host.Portal.Faults.Clear();
        (await host.Services.GetRequiredService<StageMap>().GetAsync(member, clients.ForPortal(member), default)).ByStatus
            .Should().HaveCount(map.ByStatus.Count);
    }

    [Fact]
    public async Task Review_list_shows_a_hostile_name_as_text_and_an_admin_retries_and_dismisses()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var member = host.Portal.MemberId;
        var review = host.Services.GetRequiredService<ReviewList>();
        var hostile = "ООО <script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        await ReviewSamples.AddAsync(host, hostile);
        browser.OpenSettings(host);

        IWebElement Row(string id) => browser.Find($"#review tbody tr[data-id='{id}']");
        Row("bad-1").FindElements(By.TagName("td"))[2].Text.Should().Be(hostile);
        browser.FindAll("#review img").Should().BeEmpty();
        browser.Driver.ExecuteScript("return window.__pwned === undefined").Should().Be(true);

        browser.MarkDocument();
        Row("bad-1").FindElement(By.CssSelector(".review-retry")).Click();
        browser.Answer().Should().StartWith("Всё ещё не переносится: ИНН 7707083894 контрагента «ООО <script>");
        browser.WaitForRefresh();
        browser.MarkDocument();
        Row("good-1").FindElement(By.CssSelector(".review-retry")).Click();
        browser.Answer().Should().Be("Перенесено в Bitrix24.");
        browser.WaitForRefresh();
        host.Portal.Crm.All(CrmEntityType.Company).Should().ContainSingle(c => c["TITLE"]!.ToString() == ReviewSamples.GoodName);
        browser.MarkDocument();
        Row("ЗК-17").FindElements(By.CssSelector(".review-retry")).Should().BeEmpty("an order comes again with 1C's next exchange");
        Row("ЗК-17").FindElement(By.CssSelector(".review-dismiss")).Click();
        browser.WaitForRefresh();

        browser.FindAll("#review tbody tr[data-id]").Select(r => r.GetAttribute("data-id")).Should().Equal("bad-1");
        (await review.ListAsync(member, default)).Select(r => r.OneCId).Should().Equal("bad-1");
        browser.Driver.ExecuteScript("return window.__pwned === undefined").Should().Be(true);
        host.FramePosts.Should().Be(1, "the page re-read itself with its session, never by re-posting the frame form");
    }
}
