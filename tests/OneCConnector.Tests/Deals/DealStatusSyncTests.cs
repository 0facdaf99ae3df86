using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Tests.Counterparties;
using WineB24.OneCConnector.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Deals;

/// <summary>Order-status files from 1C move deals through the stage map, via the durable inbox.</summary>
public class DealStatusSyncTests
{
    private static string Text(JsonObject o, string field) => o[field]?.GetValue<string>() ?? "";

    private static async Task<(long DealId, string Number)> ExportedDealAsync(EmulatedCrm crm)
    {
        await crm.RegisterDealFieldsAsync();
        var dealId = await crm.Client.Crm.Deals.AddAsync(new { TITLE = "Поставка в «Погреб»" });
        var queued = await crm.Exports.QueueDealAsync(crm.MemberId, dealId, default);
        await crm.Inbox.RunOnceAsync(default);
        return (dealId, queued.OrderNumber!);
    }

    private static JsonObject Deal(EmulatedCrm crm, long id) => crm.Portal.Crm.Find(CrmEntityType.Deal, (int)id)!;

    [Fact]
    public async Task A_status_file_moves_the_deal_stage_and_fills_payment_and_shipment_once()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var (dealId, number) = await ExportedDealAsync(crm);
        var xml = SaleXml.File(SaleXml.Document(number, number, new Dictionary<string, string>
        {
            ["Номер по 1С"] = "ЗК-000123 ",
            ["Проведен"] = "true",
            ["Статус заказа"] = "[N] К отгрузке",
            ["Номер оплаты по 1С"] = "ПБ-77",
            ["Дата оплаты по 1С"] = "2026-11-27T9:10:00",
            ["Номер отгрузки по 1С"] = "РТ-12",
            ["Дата отгрузки по 1С"] = "2026-11-28T14:00:00",
        }));

        await crm.ReceiveSaleFileAsync(xml);
        crm.Portal.Stats.Calls("crm.deal.update").Should().Be(0, "the sink only stores; the background step writes");
        (await crm.Inbox.RunOnceAsync(default)).Should().Be(1);

        var deal = Deal(crm, dealId);
        Text(deal, "STAGE_ID").Should().Be("EXECUTING", "К отгрузке is the fourth process stage of the default pipeline");
        Text(deal, DealUserFields.OneCNumber).Should().Be("ЗК-000123");
        Text(deal, DealUserFields.PaymentNumber).Should().Be("ПБ-77");
        Text(deal, DealUserFields.PaymentDate).Should().StartWith("2026-11-27");
        Text(deal, DealUserFields.ShipmentNumber).Should().Be("РТ-12");
        Text(deal, DealUserFields.Paid).Should().Be("1");
        crm.Portal.Stats.Calls("crm.deal.update").Should().Be(1);

        await crm.ReceiveSaleFileAsync(xml, "orders-2.xml", "s-2");
        await crm.Inbox.RunOnceAsync(default);
        crm.Portal.Stats.Calls("crm.deal.update").Should().Be(1, "the same state again changes nothing");
        await using var db = crm.Database.CreateDbContext();
        (await db.SaleInbox.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task UT11_reports_without_a_status_are_read_from_their_facts_and_found_by_1C_number_later()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var (dealId, number) = await ExportedDealAsync(crm);
        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document(number, number, new Dictionary<string, string>
        {
            ["Номер по 1С"] = "ЗК-000555", ["Проведен"] = "true", ["Номер отгрузки по 1С"] = "РТ-1", ["Дата отгрузки по 1С"] = "2026-11-28T9:00:00",
        })));
        await crm.Inbox.RunOnceAsync(default);
        Text(Deal(crm, dealId), "STAGE_ID").Should().Be("FINAL_INVOICE", "shipped maps to the fifth process stage");

        // 1C's own document for the same order, known only by 1C's number, is cancelled.
        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document("guid-1c-order", "ЗК-000555", new Dictionary<string, string>
        {
            ["Номер по 1С"] = "ЗК-000555", ["Отменен"] = "true",
        })), "orders-3.xml");
        await crm.Inbox.RunOnceAsync(default);
        Text(Deal(crm, dealId), "STAGE_ID").Should().Be("LOSE");
    }

    [Fact]
    public async Task Unknown_status_and_unknown_order_go_to_review_and_touch_no_deal()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var (dealId, number) = await ExportedDealAsync(crm);

        await crm.ReceiveSaleFileAsync(SaleXml.File(
            SaleXml.Document(number, number, new Dictionary<string, string> { ["Статус заказа"] = "Ждёт решения директора" }),
            SaleXml.Document("stranger", "ЗК-999", new Dictionary<string, string> { ["Статус заказа"] = "Закрыт" })));
        await crm.Inbox.RunOnceAsync(default);

        var review = await crm.Review.ListAsync(crm.MemberId, default);
        review.Select(r => (r.OneCId, r.ReasonCode)).Should().BeEquivalentTo(new[] { (number, "status_unknown"), ("ЗК-999", "order_unknown") });
        review.Single(r => r.ReasonCode == "status_unknown").Reason.Should().Contain("Ждёт решения директора").And.Contain("stage map");
        Text(Deal(crm, dealId), "STAGE_ID").Should().Be("NEW");
        crm.Portal.Stats.Calls("crm.deal.update").Should().Be(0);
    }

    [Fact]
    public async Task The_stage_map_is_built_from_the_portal_stages_and_stored_per_portal()
    {
        await using var crm = await EmulatedCrm.StartAsync();

        var map = await crm.StageMap.GetAsync(crm.MemberId, crm.Client, default);
        await crm.StageMap.GetAsync(crm.MemberId, crm.Client, default);

        map.Find(OrderStatusKey.Normalize("Согласован"))!.StageId.Should().Be("PREPARATION");
        map.Find(OrderStatusKey.Normalize("КОтгрузке"))!.StageId.Should().Be("EXECUTING");
        map.Find(OrderStatusKey.Normalize("[F] Закрыт"))!.StageId.Should().Be("WON");
        map.Find(OrderStatusKey.Cancelled)!.StageId.Should().Be("LOSE");
        crm.Portal.Stats.Calls("crm.status.list").Should().Be(1, "the default is built once and then read from our database");
        await using var db = crm.Database.CreateDbContext();
        (await db.StageMap.CountAsync(r => r.MemberId == crm.MemberId)).Should().BeGreaterThan(5);
        (await db.StageMap.CountAsync(r => r.MemberId != crm.MemberId)).Should().Be(0);
    }

    [Fact]
    public async Task Counterparties_inside_sale_documents_become_companies_before_the_order_is_applied()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var (_, number) = await ExportedDealAsync(crm);

        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document(number, number, new Dictionary<string, string> { ["Статус заказа"] = "Согласован" },
            SaleXml.Counterparty("cp-77", "ООО «Винотека»", "7736207543", "773601001"))));
        await crm.Inbox.RunOnceAsync(default);

        var company = crm.Portal.Crm.All(CrmEntityType.Company).Single();
        Text(company, "TITLE").Should().Be("ООО «Винотека»");
        Text(crm.Portal.Crm.Requisites.Values.Single(), "RQ_KPP").Should().Be("773601001", "1C's padded КПП is trimmed");
    }

    [Fact]
    public async Task A_Bitrix24_failure_keeps_the_file_in_the_inbox_and_the_next_attempt_applies_it()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var crm = await EmulatedCrm.StartAsync(clock);
        var (dealId, number) = await ExportedDealAsync(crm);
        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document(number, number, new Dictionary<string, string> { ["Статус заказа"] = "Закрыт" })));
        crm.Portal.Faults.FailNext(1, 403, "ACCESS_DENIED");

        (await crm.Inbox.RunOnceAsync(default)).Should().Be(0);
        await using (var db = crm.Database.CreateDbContext())
        {
            var row = await db.SaleInbox.SingleAsync();
            row.Attempts.Should().Be(1);
            row.LastError.Should().NotBeNullOrEmpty();
        }
        (await crm.Inbox.RunOnceAsync(default)).Should().Be(0, "the retry waits for its back-off");

        clock.Advance(TimeSpan.FromMinutes(1));
        (await crm.Inbox.RunOnceAsync(default)).Should().Be(1);
        Text(Deal(crm, dealId), "STAGE_ID").Should().Be("WON");
    }
}
