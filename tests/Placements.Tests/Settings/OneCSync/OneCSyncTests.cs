using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Quartz;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.OData;
using WineB24.OneCEmulator.OData;
using WineB24.Placements.Frames;
using WineB24.Placements.Settings.OneCSync;
using WineB24.Placements.Tests.Frames;
using WineB24.Placements.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.Placements.Tests.Settings.OneCSync;

/// <summary>
/// The 1C sync section against the real connector services (connections, schedules on Quartz, stage map, review
/// list, counterparty sync) on SQLite, the emulated portal through the real SDK, and the fake 1C OData service.
/// </summary>
public class OneCSyncTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static async Task<(HttpStatusCode Status, JToken Body)> PostAsync(PlacementHost host, string path, string session, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(FrameSessions.Header, session);
        var response = await host.Http.SendAsync(request);
        return (response.StatusCode, JToken.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<JObject> StateAsync(PlacementHost host, string session) =>
        JObject.Parse(await (await host.ApiAsync(HttpMethod.Get, OneCSyncEndpoints.StatePath, session)).Content.ReadAsStringAsync());

    private static object Form(FakeODataService oneC, string? password, string configuration = "Ut11", int receivables = 15) => new
    {
        url = oneC.BaseUri.AbsoluteUri, login = oneC.Login, password, configuration,
        receivablesEveryMinutes = receivables, counterpartiesEveryMinutes = 60, stockEveryMinutes = 0,
    };

    private static Task<FakeODataService> OneCAsync() =>
        FakeODataService.StartAsync(TradeInfobase.Generate(3, 5, DateTime.UtcNow).Infobase);

    [Fact]
    public async Task Admin_saves_the_connection_the_password_stays_on_the_server_and_the_schedule_follows()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        await using var oneC = await OneCAsync();
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());
        var member = host.Portal.MemberId;

        var saved = await PostAsync(host, OneCSyncEndpoints.ConnectionPath, session, Form(oneC, oneC.Password, "Unf"));

        saved.Status.Should().Be(HttpStatusCode.OK);
        saved.Body.Value<string>("message").Should().Be("Сохранено, расписание обновлено.");
        var portal = (await host.Services.GetRequiredService<ODataConnections>().GetAsync(member, default))!;
        (portal.Connection.Login, portal.Connection.Password, portal.Preset.Configuration).Should().Be((oneC.Login, oneC.Password, OneCConfiguration.Unf));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = await scheduler.GetTriggersOfJob(ODataSyncJob.KeyFor(member));
        triggers.Select(t => ((ISimpleTrigger)t).RepeatInterval).Should().BeEquivalentTo([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)]);
        var state = await StateAsync(host, session);
        state.ToString().Should().NotContain(oneC.Password);
        state["connection"]!.Value<bool>("hasPassword").Should().BeTrue();
        var page = await host.OpenAsUserAsync();
        page.Should().Contain("<option value=\"Unf\" selected>").And.Contain("сохранён; оставьте пустым").And.NotContain(oneC.Password);

        // An empty password keeps the stored one; a new interval reschedules.
        (await PostAsync(host, OneCSyncEndpoints.ConnectionPath, session, Form(oneC, "", "Unf", receivables: 30))).Status.Should().Be(HttpStatusCode.OK);
        (await host.Services.GetRequiredService<ODataConnections>().GetAsync(member, default))!.Connection.Password.Should().Be(oneC.Password);
        (await scheduler.GetTriggersOfJob(ODataSyncJob.KeyFor(member))).Select(t => ((ISimpleTrigger)t).RepeatInterval)
            .Should().Contain(TimeSpan.FromMinutes(30)).And.NotContain(TimeSpan.FromMinutes(15));

        // … but not for another address: a stored password never goes to a server it was not given for.
        var moved = await PostAsync(host, OneCSyncEndpoints.ConnectionPath, session, new
        {
            url = "https://evil.example.com/odata/standard.odata/", login = oneC.Login, password = "", configuration = "Unf",
            receivablesEveryMinutes = 15, counterpartiesEveryMinutes = 60, stockEveryMinutes = 0,
        });
        moved.Status.Should().Be(HttpStatusCode.BadRequest);
        moved.Body.Value<string>("error_description").Should().Be("Укажите пароль пользователя 1С.");
    }

    [Theory]
    [InlineData("ftp://1c.local/odata/", "Ut11", 15, "Адрес OData должен быть полным адресом")]
    [InlineData("https://1c.local/odata/standard.odata/", "Ut12", 15, "Выберите конфигурацию 1С из списка.")]
    [InlineData("https://1c.local/odata/standard.odata/", "Ut11", 2, "Интервал — целое число минут от 5 до 1440")]
    public async Task Bad_input_is_refused_with_a_sentence_and_nothing_is_saved(string url, string configuration, int minutes, string sentence)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());

        var answer = await PostAsync(host, OneCSyncEndpoints.ConnectionPath, session, new
        {
            url, login = "odata", password = "x", configuration, receivablesEveryMinutes = minutes, counterpartiesEveryMinutes = 60, stockEveryMinutes = 0,
        });

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Body.Value<string>("error_description").Should().StartWith(sentence);
        (await host.Services.GetRequiredService<ODataConnections>().GetAsync(host.Portal.MemberId, default)).Should().BeNull();
    }

    [Fact]
    public async Task Check_connection_reads_1C_once_and_says_what_is_wrong_in_the_viewers_language()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0), language: "en");
        await using var oneC = await OneCAsync();
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync(lang: "en"));

        var ok = await PostAsync(host, OneCSyncEndpoints.CheckPath, session, Form(oneC, oneC.Password));
        var requests = oneC.RequestCount;
        var wrong = await PostAsync(host, OneCSyncEndpoints.CheckPath, session, Form(oneC, "не тот пароль"));
        var unsaved = await PostAsync(host, OneCSyncEndpoints.CheckPath, session, new { });

        ok.Status.Should().Be(HttpStatusCode.OK);
        ok.Body.Value<bool>("ok").Should().BeTrue();
        ok.Body.Value<string>("message").Should().Be("1C answered: the connection works (Catalog_Контрагенты: has records).");
        wrong.Body.Value<bool>("ok").Should().BeFalse();
        wrong.Body.Value<string>("message").Should().Contain("OData login/password");
        (oneC.RequestCount - requests).Should().Be(1, "a refused password is not retried");
        unsaved.Status.Should().Be(HttpStatusCode.BadRequest);
        unsaved.Body.Value<string>("error_description").Should().Be("The 1C OData connection is not set up yet.");
        (await host.Services.GetRequiredService<ODataConnections>().GetAsync(host.Portal.MemberId, default)).Should().BeNull("a check saves nothing");
    }

    [Fact]
    public async Task Stage_map_offers_the_portals_real_stages_and_saves_only_those()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());
        var member = host.Portal.MemberId;

        var state = (await StateAsync(host, session))["stages"]!;
        var stages = state["stages"]!.Select(s => s.Value<string>("stageId")!).ToList();
        stages.Should().Contain(["NEW", "WON", "LOSE"]);
        state["rows"]!.Should().Contain(r => r.Value<string>("stageId") == "WON", "the default map sends closed orders to the success stage");
        state["rows"]!.Select(r => r.Value<string>("status")).Should().Contain(["К выполнению", "Не согласован", "Отменен"], "people read statuses as 1C names them");
        var shipping = stages.First(s => s is not "NEW" and not "WON" and not "LOSE");

        var saved = await PostAsync(host, OneCSyncEndpoints.StagesPath, session, new
        {
            statuses = new[] { new { status = "[3] К отгрузке", stageId = shipping }, new { status = "Отменен", stageId = "LOSE" } },
            sendStages = new[] { "NEW" },
        });
        var unknown = await PostAsync(host, OneCSyncEndpoints.StagesPath, session, new
        {
            statuses = new[] { new { status = "Закрыт", stageId = "C7:NO_SUCH" } }, sendStages = Array.Empty<string>(),
        });

        saved.Status.Should().Be(HttpStatusCode.OK);
        saved.Body["rows"]!.Select(r => r.Value<string>("status")).Should().Equal(["[3] К отгрузке", "Отменен"], "the page shows back what the admin typed");
        var map = await host.Services.GetRequiredService<StageMap>().GetAsync(member,
            host.Services.GetRequiredService<WineB24.Bitrix24Client.Calls.IBitrix24ClientFactory>().ForPortal(member), default);
        map.Find(OrderStatusKey.Normalize("К отгрузке"))!.StageId.Should().Be(shipping);
        map.Find(OrderStatusKey.Normalize("Отменен"))!.StageId.Should().Be("LOSE");
        map.Find(OrderStatusKey.Normalize("Закрыт")).Should().BeNull("the admin's map replaced the default");
        map.SendStages.Should().BeEquivalentTo(["NEW"]);
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
        unknown.Body.Value<string>("error_description").Should().Be("Такой стадии сделки на портале нет: C7:NO_SUCH");
        map.ByStatus.Should().HaveCount(2, "a refused map leaves the saved one");
    }

    [Fact]
    public async Task Portal_refusing_the_stage_read_leaves_the_saved_map_and_says_so()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var session = FramePostTests.SessionOf(await host.OpenAsUserAsync());
        var before = ((await StateAsync(host, session))["stages"]!["rows"]!).Count();
        // More failures than the SDK's retries: the portal stays down for this request.
        host.Portal.Faults.FailNext(10, 403, "ACCESS_DENIED", "Access denied", method: "crm.category.list");

        var answer = await PostAsync(host, OneCSyncEndpoints.StagesPath, session, new
        {
            statuses = new[] { new { status = "Отменен", stageId = "LOSE" } }, sendStages = Array.Empty<string>(),
        });

        answer.Status.Should().Be(HttpStatusCode.BadGateway);
        answer.Body.Value<string>("error_description").Should().StartWith("Не удалось прочитать стадии сделок портала");
        host.Portal.Faults.Clear();
        ((await StateAsync(host, session))["stages"]!["rows"]!).Count().Should().Be(before).And.BeGreaterThan(1);
    }

    [Fact]
    public async Task Review_list_is_shown_encoded_and_an_admin_can_retry_or_dismiss()
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var member = host.Portal.MemberId;
        var review = host.Services.GetRequiredService<ReviewList>();
        var badName = "ООО <script>alert(1)</script>";
        await ReviewSamples.AddAsync(host, badName);
        var html = await host.OpenAsUserAsync();
        var session = FramePostTests.SessionOf(html);

        html.Should().Contain("ООО &lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert(1)");
        html.Should().Contain("ИНН с ошибкой / INN checksum").And.Contain("ЗК-17");
        var items = (await StateAsync(host, session))["review"]!;
        items.Should().HaveCount(3);
        items.Single(i => i.Value<string>("oneCId") == "bad-1").Value<string>("name").Should().Be(badName);

        var stillBad = await PostAsync(host, OneCSyncEndpoints.RetryPath, session, new { subject = "counterparty", oneCId = "bad-1" });
        var retried = await PostAsync(host, OneCSyncEndpoints.RetryPath, session, new { subject = "counterparty", oneCId = "good-1" });
        var order = await PostAsync(host, OneCSyncEndpoints.RetryPath, session, new { subject = "order", oneCId = "ЗК-17" });
        var dismissed = await PostAsync(host, OneCSyncEndpoints.DismissPath, session, new { subject = "order", oneCId = "ЗК-17" });
        var again = await PostAsync(host, OneCSyncEndpoints.DismissPath, session, new { subject = "order", oneCId = "ЗК-17" });

        stillBad.Body.Value<bool>("resolved").Should().BeFalse();
        stillBad.Body.Value<string>("message").Should().StartWith("Всё ещё не переносится: ");
        retried.Body.Value<bool>("resolved").Should().BeTrue();
        host.Portal.Crm.All(CrmEntityType.Company).Should().ContainSingle(c => c["TITLE"]!.ToString() == "ООО «Погреб»");
        order.Status.Should().Be(HttpStatusCode.BadRequest);
        dismissed.Status.Should().Be(HttpStatusCode.OK);
        again.Status.Should().Be(HttpStatusCode.NotFound);
        (await review.ListAsync(member, default)).Select(r => r.OneCId).Should().BeEquivalentTo(["bad-1"]);
    }

    [Theory]
    [InlineData("ru", "Изменять настройки может только администратор портала Bitrix24.")]
    [InlineData("en", "Only a Bitrix24 portal administrator can change the settings.")]
    public async Task A_non_admin_sees_the_section_read_only_and_every_change_is_refused(string lang, string refusal)
    {
        await using var host = await PlacementHost.StartAsync(new ManualClock(T0));
        var review = host.Services.GetRequiredService<ReviewList>();
        await review.AddAsync(host.Portal.MemberId, ReviewList.OrderSubject, "ЗК-1", new ReviewReason("x", new("причина", "reason")), "{}", default);
        var clerk = host.Portal.AddUser("Мария");
        var html = await host.OpenAsUserAsync(clerk.Id, lang);
        var session = FramePostTests.SessionOf(html);

        html.Should().Contain(lang == "ru" ? "Синхронизация с 1С (OData)" : "Sync with 1C (OData)");
        html.Should().NotContain("id=\"odata-url\" type=").And.NotContain("id=\"odata-save\"").And.NotContain("id=\"odata-check\"")
            .And.NotContain("class=\"review-dismiss\"").And.NotContain("id=\"stages-save\"");
        foreach (var path in new[] { OneCSyncEndpoints.ConnectionPath, OneCSyncEndpoints.CheckPath, OneCSyncEndpoints.StagesPath,
                     OneCSyncEndpoints.DismissPath, OneCSyncEndpoints.RetryPath })
        {
            var answer = await PostAsync(host, path, session, new { subject = "order", oneCId = "ЗК-1", url = "https://x.example/", login = "a", password = "b" });
            answer.Status.Should().Be(HttpStatusCode.Forbidden, path);
            answer.Body.Value<string>("error_description").Should().Be(refusal);
        }
        (await review.ListAsync(host.Portal.MemberId, default)).Should().ContainSingle();
        (await host.ApiAsync(HttpMethod.Get, OneCSyncEndpoints.StatePath, session)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.ApiAsync(HttpMethod.Get, OneCSyncEndpoints.StatePath, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
