using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Limits;
using WineB24.Bitrix24Client.Methods;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Methods;

public class TypedCallTests : IAsyncLifetime
{
    private StubPortal _stub = null!;
    private readonly ManualTime _time = new() { AutoAdvance = true };

    public async Task InitializeAsync() => _stub = await StubPortal.StartAsync();
    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private IBitrix24Client Client(Calls.Bitrix24ClientFactory f) => f.ForWebhook(new Uri(_stub.BaseUri, "rest/1/code/"));

    [Fact]
    public async Task App_info_is_typed_and_gives_the_plan_limits()
    {
        _stub.Answer(_ => StubReply.Ok(JObject.Parse("""
            {"ID":"17","CODE":"wineb24.app","VERSION":"3","STATUS":"P","INSTALLED":true,"PAYMENT_EXPIRED":"N","DAYS":null,
             "LANGUAGE_ID":"ru","LICENSE":"ru_ent250","LICENSE_TYPE":"ent250","LICENSE_FAMILY":"ent"}
            """)));
        using var f = TestClients.Factory(_stub, _time);

        var info = await Client(f).App.InfoAsync();

        info.Should().BeEquivalentTo(new { Id = 17L, Code = "wineb24.app", Version = 3, Status = "P", Installed = true, PaymentExpired = false, Days = (int?)null, LanguageId = "ru", LicenseFamily = "ent" });
        info.Limits(PortalLimits.Standard).Should().Be(PortalLimits.Enterprise);
        _stub.Requests.Single().Path.Should().EndWith("/app.info");
    }

    [Fact]
    public async Task Legacy_add_returns_the_id_and_is_a_create()
    {
        _stub.Answer(_ => StubReply.Ok(2921));
        using var f = TestClients.Factory(_stub, _time);

        var id = await Client(f).Crm.Companies.AddAsync(new { TITLE = "ООО «Винный погреб»", PHONE = new[] { new { VALUE = "+74950000000", VALUE_TYPE = "WORK" } } });

        id.Should().Be(2921);
        var req = _stub.Requests.Single();
        req.Path.Should().EndWith("/crm.company.add");
        req.Json!["fields"]!["TITLE"]!.ToString().Should().Be("ООО «Винный погреб»");
        req.Json["fields"]!["PHONE"]![0]!["VALUE_TYPE"]!.ToString().Should().Be("WORK");
        Client(f).Crm.Companies.AddCommand("c", new { TITLE = "x" }).Kind.Should().Be(CallKind.Create);
    }

    [Fact]
    public async Task Crm_item_update_reads_the_item_wrapper()
    {
        _stub.Answer(r => StubReply.Ok(new JObject { ["item"] = new JObject { ["id"] = r.Json!["id"], ["title"] = r.Json["fields"]!["title"] } }));
        using var f = TestClients.Factory(_stub, _time);

        var item = await Client(f).Crm.Items.UpdateAsync(2, 5531, new { title = "Оптовый заказ" }, useOriginalUfNames: true);

        item["title"]!.ToString().Should().Be("Оптовый заказ");
        var req = _stub.Requests.Single().Json!;
        req["entityTypeId"]!.Value<int>().Should().Be(2);
        req["useOriginalUfNames"]!.ToString().Should().Be("Y");
    }

    [Fact]
    public async Task Missing_item_throws_not_found()
    {
        _stub.Answer(_ => StubReply.Error(400, "NOT_FOUND", "Элемент не найден"));
        using var f = TestClients.Factory(_stub, _time);
        await ((Func<Task>)(() => Client(f).Crm.Items.GetAsync(2, 1))).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Event_send_carries_the_token_return_values_and_log()
    {
        _stub.Answer(_ => StubReply.Ok(true));
        using var f = TestClients.Factory(_stub, _time);

        var ok = await Client(f).Bizproc.SendEventAsync("wf|A1|sig", new { RegionCode = "DE-BY", Matched = "Y" }, "Регион определён");

        ok.Should().BeTrue();
        var json = _stub.Requests.Single().Json!;
        json["EVENT_TOKEN"]!.ToString().Should().Be("wf|A1|sig");
        json["RETURN_VALUES"]!["RegionCode"]!.ToString().Should().Be("DE-BY");
        json["LOG_MESSAGE"]!.ToString().Should().Be("Регион определён");
    }

    [Fact]
    public async Task Find_duplicates_reads_ids_by_type_and_empty_array_as_none()
    {
        var n = 0;
        _stub.Answer(_ => ++n == 1 ? StubReply.Ok(JObject.Parse("""{"CONTACT":[275,2297],"COMPANY":[9]}""")) : StubReply.Ok(new JArray()));
        using var f = TestClients.Factory(_stub, _time);

        var found = await Client(f).Crm.FindDuplicatesAsync(CommunicationType.Phone, ["+74950000000"]);
        var none = await Client(f).Crm.FindDuplicatesAsync(CommunicationType.Email, ["a@b.ru"], "COMPANY");

        found["CONTACT"].Should().Equal(275, 2297);
        found["COMPANY"].Should().Equal(9);
        none.Should().BeEmpty();
        _stub.Requests.Last().Json!["entity_type"]!.ToString().Should().Be("COMPANY");
        await ((Func<Task>)(() => Client(f).Crm.FindDuplicatesAsync(CommunicationType.Phone, Enumerable.Range(0, 21).Select(i => i.ToString())))).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Robots_placements_events_and_triggers_send_their_documented_parameters()
    {
        _stub.Answer(r => r.Method switch
        {
            "bizproc.robot.list" => StubReply.Ok(new JArray("fill_region", "check_debt")),
            "placement.unbind" or "event.unbind" => StubReply.Ok(new JObject { ["count"] = 2 }),
            "crm.automation.trigger.list" => StubReply.Ok(new JArray(new JObject { ["NAME"] = "Оплачено", ["CODE"] = "paid" })),
            "event.offline.get" => StubReply.Ok(JObject.Parse("""{"process_id":"p1","events":[{"ID":"1","EVENT_NAME":"ONCRMDEALUPDATE","MESSAGE_ID":"m1"}]}""")),
            _ => StubReply.Ok(true),
        });
        using var f = TestClients.Factory(_stub, _time);
        var c = Client(f);
        var handler = new Uri("https://app.example/robots/fill-region");

        (await c.Bizproc.Robots.AddAsync(new { CODE = "fill_region", HANDLER = handler.ToString(), NAME = new { ru = "Регион", en = "Region" } })).Should().BeTrue();
        (await c.Bizproc.Robots.ListAsync()).Should().Equal("fill_region", "check_debt");
        (await c.Bizproc.Robots.DeleteAsync("fill_region")).Should().BeTrue();
        (await c.Placements.BindAsync("CRM_DEAL_DETAIL_TAB", handler, "1С")).Should().BeTrue();
        (await c.Placements.UnbindAsync("CRM_DEAL_DETAIL_TAB")).Should().Be(2);
        (await c.Events.BindAsync("ONCRMDEALUPDATE", null, offline: true)).Should().BeTrue();
        (await c.Events.UnbindAsync("ONCRMDEALUPDATE", handler)).Should().Be(2);
        var offline = await c.Events.GetOfflineAsync();
        (await c.Events.ClearOfflineAsync(offline.ProcessId!, messageIds: offline.Events.Select(e => e["MESSAGE_ID"]!.ToString()))).Should().BeTrue();
        (await c.Crm.AutomationTriggers.ListAsync()).Should().ContainSingle().Which.Should().Be(new AutomationTrigger("paid", "Оплачено"));
        (await c.Crm.AutomationTriggers.ExecuteAsync("paid", 2, 5531)).Should().BeTrue();

        var sent = _stub.Requests.ToDictionary(r => r.Method + "#" + _stub.Requests.ToList().IndexOf(r), r => r.Json!);
        JObject Body(string method) => _stub.Requests.First(r => r.Method == method).Json!;
        Body("bizproc.robot.add")["NAME"]!["ru"]!.ToString().Should().Be("Регион");
        Body("bizproc.robot.delete")["CODE"]!.ToString().Should().Be("fill_region");
        Body("placement.bind")["PLACEMENT"]!.ToString().Should().Be("CRM_DEAL_DETAIL_TAB");
        Body("placement.bind")["HANDLER"]!.ToString().Should().Be(handler.ToString());
        Body("placement.bind")["TITLE"]!.ToString().Should().Be("1С");
        Body("event.bind")["event_type"]!.ToString().Should().Be("offline");
        Body("event.bind").ContainsKey("handler").Should().BeFalse();
        Body("event.offline.get")["clear"]!.Value<int>().Should().Be(0, "the safe loop reserves first");
        Body("event.offline.clear")["message_id"]!.Values<string>().Should().Equal("m1");
        Body("crm.automation.trigger.execute")["OWNER_TYPE_ID"]!.Value<int>().Should().Be(2);
        sent.Should().HaveCount(11);
    }

    [Fact]
    public async Task Online_event_bind_needs_a_handler()
    {
        using var f = TestClients.Factory(_stub, _time);
        await ((Func<Task>)(() => Client(f).Events.BindAsync("ONCRMDEALUPDATE", null))).Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task User_current_and_user_get_by_id()
    {
        _stub.Answer(r => r.Method == "user.current" ? StubReply.Ok(new JObject { ["ID"] = "1", ["NAME"] = "Анна" })
            : StubReply.Ok(new JArray(new JObject { ["ID"] = "17" }), total: 1));
        using var f = TestClients.Factory(_stub, _time);

        (await Client(f).Users.CurrentAsync())["NAME"]!.ToString().Should().Be("Анна");
        (await Client(f).Users.GetByIdAsync(17))!["ID"]!.ToString().Should().Be("17");
    }

    [Fact]
    public async Task A_result_of_an_unexpected_shape_is_reported_not_guessed()
    {
        _stub.Answer(_ => StubReply.Ok(true));
        using var f = TestClients.Factory(_stub, _time);
        await ((Func<Task>)(() => Client(f).Crm.Companies.AddAsync(new { TITLE = "x" }))).Should().ThrowAsync<Bitrix24Exception>()
            .Where(e => e.Code == "UNEXPECTED_RESULT");
    }
}
