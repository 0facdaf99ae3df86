using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.CommerceML.Orders;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Counterparties;
using WineB24.OneCConnector.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Deals;

/// <summary>Deals marked for 1C become orders in <c>mode=query</c>, with their company, until 1C says <c>success</c>.</summary>
public class DealOrderExportTests
{
    private static async Task<(long DealId, long CompanyId)> DealWithNewCompanyAsync(EmulatedCrm crm)
    {
        var companyId = await crm.Client.Crm.Companies.AddAsync(new { TITLE = "ООО «Новый клиент»", PHONE = new[] { new { VALUE = "+7 812 555-11-22", VALUE_TYPE = "WORK" } } });
        await crm.Client.Crm.Requisites.AddAsync(new
        {
            ENTITY_TYPE_ID = 4, ENTITY_ID = companyId, PRESET_ID = 1, NAME = "Реквизиты", RQ_INN = "7812345675", RQ_KPP = "781201001",
            RQ_COMPANY_NAME = "ООО «Новый клиент»", RQ_COMPANY_FULL_NAME = "Общество с ограниченной ответственностью «Новый клиент»",
        });
        var dealId = await crm.Client.Crm.Deals.AddAsync(new { TITLE = "Первая поставка", COMPANY_ID = companyId, CURRENCY_ID = "RUB" });
        await crm.Client.CallAsync("crm.deal.productrows.set", new JObject
        {
            ["id"] = dealId,
            ["rows"] = new JArray(
                new JObject { ["PRODUCT_NAME"] = "Риоха Резерва 2019, 0,75 л", ["PRICE"] = 1500.05m, ["QUANTITY"] = 10 },
                new JObject { ["PRODUCT_NAME"] = "Шабли Премье Крю 2021", ["PRICE"] = 3200m, ["QUANTITY"] = 2 }),
        }, CallKind.IdempotentWrite);
        return (dealId, companyId);
    }

    [Fact]
    public async Task A_queued_deal_is_served_with_its_lines_and_new_counterparty_until_success()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var (dealId, companyId) = await DealWithNewCompanyAsync(crm);

        var queued = await crm.Exports.QueueDealAsync(crm.MemberId, dealId, default);
        (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Should().BeEmpty("nothing is served before the background step prepared it");
        await crm.Inbox.RunOnceAsync(default);
        var requests = crm.Portal.Stats.Requests;
        var first = await crm.OrderExport.GetPendingAsync(crm.MemberId, default);
        var again = await crm.OrderExport.GetPendingAsync(crm.MemberId, default);

        crm.Portal.Stats.Requests.Should().Be(requests, "mode=query answers from our database");
        again.Should().HaveCount(1, "served again until 1C confirms");
        var order = first.Should().ContainSingle().Subject;
        order.Number.Should().Be(queued.OrderNumber);
        order.Number!.Length.Should().BeLessThanOrEqualTo(11, "УТ 11 keeps 11 characters");
        order.Id!.Value.Value.Should().Be(order.Number);
        order.Lines.Select(l => (l.Name, l.Quantity)).Should().Equal(("Риоха Резерва 2019, 0,75 л", 10m), ("Шабли Премье Крю 2021", 2m));
        order.Sum.Should().Be(15000.50m + 6400m);
        var buyer = order.Counterparties.Should().ContainSingle().Subject;
        (buyer.Inn, buyer.Kpp, buyer.Role).Should().Be(("7812345675", "781201001", "Покупатель"));
        buyer.OfficialName.Should().Be("Общество с ограниченной ответственностью «Новый клиент»");
        buyer.Id!.Value.Value.Should().Be("B24CO" + companyId, "an unlinked company goes with our id so 1C creates it");

        using var xml = new MemoryStream();
        OrderDocumentWriter.Write(xml, first, new DateTime(2026, 11, 29, 9, 0, 0), default);
        xml.Position = 0;
        var parsed = CommerceMLReader.Read(xml).OfType<OrderDocument>().Single();
        parsed.Counterparties.Single().Inn.Should().Be("7812345675");

        await crm.OrderExport.ConfirmExportedAsync(crm.MemberId, [order.Number!], default);
        (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_company_known_in_1C_goes_with_its_1C_id_and_the_robot_queue_reports_it()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId,
            [new("cp-42", "ООО «Погреб»", null, "7707083893", "770701001", OneCConnector.Counterparties.CounterpartyKind.LegalEntity, null, [], [], false)], default);
        var companyId = (await crm.Counterparties.FindCompanyIdAsync(crm.MemberId, "cp-42", default))!.Value;
        var dealId = await crm.Client.Crm.Deals.AddAsync(new { TITLE = "Повторная поставка", COMPANY_ID = companyId });

        var known = await crm.Exports.QueueCompanyAsync(crm.MemberId, companyId, default);
        await crm.Exports.QueueDealAsync(crm.MemberId, dealId, default);
        await crm.Inbox.RunOnceAsync(default);

        known.Should().Be(new QueueOutcome(false, "cp-42", null));
        var order = (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Single();
        order.Counterparties.Single().Id!.Value.Value.Should().Be("cp-42");
    }

    [Fact]
    public async Task Deals_entering_a_send_to_1C_stage_are_queued_once()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var crm = await EmulatedCrm.StartAsync(clock);
        var (dealId, _) = await DealWithNewCompanyAsync(crm);
        await crm.StageMap.SetAsync(crm.MemberId, [new("Закрыт", new StageTarget(0, "WON"))], [new StageTarget(0, "PREPARATION")], default);
        await crm.Client.Crm.Deals.AddAsync(new { TITLE = "Остаётся в CRM" });

        await crm.Inbox.RunOnceAsync(default);
        (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Should().BeEmpty();

        await crm.Client.Crm.Deals.UpdateAsync(dealId, new { STAGE_ID = "PREPARATION" });
        await crm.Inbox.RunOnceAsync(default);
        (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Should().BeEmpty("stages are listed at most every few minutes");
        clock.Advance(OrderExportQueue.StageScanInterval);
        await crm.Inbox.RunOnceAsync(default);
        var order = (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Should().ContainSingle().Subject;
        await crm.OrderExport.ConfirmExportedAsync(crm.MemberId, [order.Number!], default);
        clock.Advance(OrderExportQueue.StageScanInterval);
        await crm.Inbox.RunOnceAsync(default);

        (await crm.OrderExport.GetPendingAsync(crm.MemberId, default)).Should().BeEmpty("a confirmed deal is not queued again by its stage");
    }

    [Fact]
    public async Task Through_the_exchange_endpoint_query_carries_the_deal_success_stops_it_and_the_status_file_moves_it()
    {
        await using var crm = await EmulatedCrm.StartAsync(memberId: ExchangeHost.MemberId);
        await using var host = await ExchangeHost.StartAsync(s => s.AddSingleton<IBitrix24ClientFactory>(crm.Factory));
        var (dealId, queued) = await QueuedDealAsync(crm, host);
        using var client = host.NewClient();

        await client.CheckAuthAsync("sale");
        await client.GetAsync("type=sale&mode=init&version=2.09");
        var first = await client.GetRawAsync("type=sale&mode=query");
        (await client.GetAsync("type=sale&mode=success")).Should().Equal("success");
        var afterSuccess = await client.GetRawAsync("type=sale&mode=query");

        var served = CommerceMLReader.Read(new MemoryStream(first)).OfType<OrderDocument>().Should().ContainSingle().Subject;
        served.Number.Should().Be(queued.OrderNumber);
        served.Counterparties.Single().Inn.Should().Be("7812345675");
        CommerceMLReader.Read(new MemoryStream(afterSuccess)).OfType<OrderDocument>().Should().BeEmpty();

        var status = Encoding.UTF8.GetBytes(SaleXml.File(SaleXml.Document(queued.OrderNumber!, queued.OrderNumber!,
            new Dictionary<string, string> { ["Номер по 1С"] = "ЗК-000901", ["Статус заказа"] = "Согласован" })));
        (await client.PostFileAsync("sale", "orders-7a1c_1.xml", status)).Should().Equal("success");
        (await client.ImportAsync("sale", "orders-7a1c_1.xml")).Last()[0].Should().Be("success");

        await Eventually(() => crm.Portal.Crm.Find(CrmEntityType.Deal, (int)dealId)!["STAGE_ID"]?.GetValue<string>() == "PREPARATION");
        await using var db = host.Db();
        // The link is saved just after Bitrix24 took the stage: wait for it rather than race the background step.
        await EventuallyAsync(async () => (await db.DealLinks.AsNoTracking().SingleAsync(l => l.DealId == dealId)).OneCNumber is not null);
        (await db.DealLinks.AsNoTracking().SingleAsync(l => l.DealId == dealId)).OneCNumber.Should().Be("ЗК-000901");
    }

    [Theory]
    [InlineData("2.09")]   // import on mode=import
    [InlineData(null)]     // old protocol: imported inside mode=file
    public async Task A_sale_file_with_a_legal_entity_without_INN_is_refused_whole_and_applies_once_1C_fills_the_INN_in(string? version)
    {
        await using var crm = await EmulatedCrm.StartAsync(memberId: ExchangeHost.MemberId);
        await using var host = await ExchangeHost.StartAsync(s => s.AddSingleton<IBitrix24ClientFactory>(crm.Factory));
        var (dealId, queued) = await QueuedDealAsync(crm, host);
        var stageBefore = crm.Portal.Crm.Find(CrmEntityType.Deal, (int)dealId)!["STAGE_ID"]?.GetValue<string>();
        var companiesBefore = crm.Portal.Crm.All(CrmEntityType.Company).Count;
        byte[] File(string inn) => Encoding.UTF8.GetBytes(SaleXml.File(SaleXml.Document(queued.OrderNumber!, queued.OrderNumber!,
            new Dictionary<string, string> { ["Номер по 1С"] = "ЗК-000902", ["Статус заказа"] = "Согласован" },
            $"<Контрагенты><Контрагент><Ид>cp-no-inn</Ид><Наименование>ООО «Безымянный погреб»</Наименование><ОфициальноеНаименование>ООО «Безымянный погреб»</ОфициальноеНаименование><Роль>Покупатель</Роль><ИНН>{inn}</ИНН></Контрагент></Контрагенты>")));
        // Each send is its own exchange session, as 1C's next scheduled run is (within one session a file appends).
        async Task<IReadOnlyList<string>> SendAsync(byte[] file)
        {
            using var client = host.NewClient();
            await client.CheckAuthAsync("sale");
            await client.GetAsync("type=sale&mode=init" + (version is null ? "" : "&version=" + version));
            var answer = await client.PostFileAsync("sale", "orders-7a1c_2.xml", file);
            if (version is null)
            {
                return answer;
            }
            answer.Should().Equal("success");
            return (await client.ImportAsync("sale", "orders-7a1c_2.xml")).Last();
        }

        var refused = await SendAsync(File(""));

        refused[0].Should().Be("failure");
        refused[1].Should().Contain("«ООО «Безымянный погреб»»").And.Contain("cp-no-inn").And.Contain("без ИНН").And.Contain(queued.OrderNumber!);
        (await host.App.Services.GetRequiredService<SaleInbox>().RunOnceAsync(default)).Should().Be(0, "nothing of the refused file reached the inbox");
        crm.Portal.Crm.Find(CrmEntityType.Deal, (int)dealId)!["STAGE_ID"]?.GetValue<string>().Should().Be(stageBefore, "the status in the same file is not applied either");
        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(companiesBefore);
        await using (var db = host.Db())
        {
            var journal = await db.Journal.AsNoTracking().SingleAsync(j => j.ExchangeType == "sale" && j.Files != "");
            journal.Status.Should().Be("failed");
            journal.Errors.Should().Contain("Безымянный погреб").And.Contain("без ИНН");
        }

        // 1C resends the file on its next exchange, now with the ИНН filled in.
        var accepted = await SendAsync(File("7736207543"));

        accepted[0].Should().Be("success");
        await Eventually(() => crm.Portal.Crm.Find(CrmEntityType.Deal, (int)dealId)!["STAGE_ID"]?.GetValue<string>() == "PREPARATION");
        await Eventually(() => crm.Portal.Crm.All(CrmEntityType.Company).Count == companiesBefore + 1);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>A deal of a new company, queued for 1C in the exchange host's database and snapshotted by its inbox pass.</summary>
    private static async Task<(long DealId, QueueOutcome Queued)> QueuedDealAsync(EmulatedCrm crm, ExchangeHost host)
    {
        await crm.RegisterDealFieldsAsync();
        var (dealId, _) = await DealWithNewCompanyAsync(crm);
        var queued = await host.App.Services.GetRequiredService<OrderExportQueue>().QueueDealAsync(ExchangeHost.MemberId, dealId, default);
        await host.App.Services.GetRequiredService<SaleInbox>().RunOnceAsync(default);
        return (dealId, queued);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
