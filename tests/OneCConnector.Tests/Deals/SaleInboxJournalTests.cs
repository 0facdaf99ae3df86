using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Counterparties;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Faults;

namespace WineB24.OneCConnector.Tests.Deals;

/// <summary>The sale inbox's Bitrix24 step: what it applied lands in the session's journal row; one instance per portal at a time.</summary>
public class SaleInboxJournalTests
{
    private const string Buyer = """
        <Контрагенты>
          <Контрагент><Ид>cp-ok</Ид><Наименование>ООО «Терруар»</Наименование><Роль>Покупатель</Роль><ИНН>7707083893</ИНН><КПП>770701001</КПП></Контрагент>
          <Контрагент><Ид>cp-bad-kpp</Ид><Наименование>ООО «Кривой КПП»</Наименование><Роль>Покупатель</Роль><ИНН>7736207543</ИНН><КПП>77360100</КПП></Контрагент>
          <Контрагент><Ид>cp-retail</Ид><Наименование>Александр</Наименование><ПолноеНаименование>Александр</ПолноеНаименование><Роль>Покупатель</Роль></Контрагент>
          <Контрагент><Ид>cp-bad-inn</Ид><Наименование>ООО «Опечатка»</Наименование><Роль>Покупатель</Роль><ИНН>7707083890</ИНН></Контрагент>
        </Контрагенты>
        """;

    [Fact]
    public async Task The_session_journal_row_gets_companies_created_deals_moved_and_each_held_counterparty_once()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.RegisterDealFieldsAsync();
        var dealId = await crm.Client.Crm.Deals.AddAsync(new { TITLE = "Поставка" });
        var queued = await crm.Exports.QueueDealAsync(crm.MemberId, dealId, default);
        await crm.Inbox.RunOnceAsync(default);
        var journalId = await crm.Journal.StartAsync(crm.MemberId, "s-1", "sale", default);

        var warnings = await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document(queued.OrderNumber!, queued.OrderNumber!,
            new Dictionary<string, string> { ["Номер по 1С"] = "ЗК-1", ["Статус заказа"] = "К отгрузке" }, Buyer)));

        warnings.Should().HaveCount(2);
        warnings.Should().ContainSingle(w => w.Contains("«ООО «Кривой КПП»»") && w.Contains("неверный формат") && w.Contains("cp-bad-kpp"));
        warnings.Should().ContainSingle(w => w.Contains("Опечатка") && w.Contains("контрольной суммы"));
        warnings.Should().OnlyContain(w => !w.Contains('\n'), "1C reads one warning per line");

        // The importer journals the warnings with the file; the background step must not repeat them.
        await crm.Journal.RecordFileAsync(journalId, "orders-1.xml", WineB24.OneCConnector.CommerceML.Import.ImportCounts.Empty, 0, null, default, [.. warnings]);
        (await crm.Inbox.RunOnceAsync(default)).Should().Be(1);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(2, "the legal entity with a valid ИНН and the retail buyer known by name only");
        crm.Portal.Crm.Requisites.Values.Single(r => r["XML_ID"]!.GetValue<string>() == "cp-retail")["PRESET_ID"]!.GetValue<string>().Should().Be("3");
        await using var db = crm.Database.CreateDbContext();
        var row = await db.Journal.SingleAsync(j => j.Id == journalId);
        row.Changes.Should().Be(3, "two companies created and one deal moved");
        row.Errors!.Split('\n').Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("orders-1.xml: Предупреждение:"));
        row.Status.Should().Be("success", "held counterparties do not fail the file; they wait in the review list");
        (await crm.Review.ListAsync(crm.MemberId, default)).Select(r => r.OneCId).Should().BeEquivalentTo("cp-bad-kpp", "cp-bad-inn");
    }

    [Fact]
    public async Task Held_items_the_importer_did_not_report_are_added_to_the_journal_row()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var journalId = await crm.Journal.StartAsync(crm.MemberId, "s-9", "sale", default);
        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document("unknown-order", "ЗК-404", new Dictionary<string, string> { ["Проведен"] = "true" })),
            session: "s-9");

        await crm.Inbox.RunOnceAsync(default);

        await using var db = crm.Database.CreateDbContext();
        var row = await db.Journal.SingleAsync(j => j.Id == journalId);
        row.Changes.Should().Be(0);
        row.Errors.Should().Contain("не связан ни с одной сделкой").And.Contain("(1С: ");
    }

    [Fact]
    public async Task A_Bitrix24_failure_is_journaled_once_for_the_session_and_retried_later()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var journalId = await crm.Journal.StartAsync(crm.MemberId, "s-5", "sale", default);
        crm.Portal.Faults.Add(new FaultRule(FaultKind.Error, Method: "batch", Status: 403, Code: "ACCESS_DENIED", Description: "Access denied."));
        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document("o-1", "o-1", new Dictionary<string, string>(),
            SaleXml.Counterparty("cp-1", "ООО «Терруар»", "7707083893", "770701001"))), session: "s-5");

        (await crm.Inbox.RunOnceAsync(default)).Should().Be(0);
        (await crm.Inbox.RunOnceAsync(default)).Should().Be(0, "the row waits for its back-off");

        await using var db = crm.Database.CreateDbContext();
        var row = await db.Journal.SingleAsync(j => j.Id == journalId);
        row.Errors!.Split('\n').Should().ContainSingle().Which.Should().Contain("orders-1.xml").And.Contain("отложена");
        (await db.SaleInbox.SingleAsync()).Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_row_is_not_applied_while_another_instance_holds_the_portals_sale_lease()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document("o-1", "o-1", new Dictionary<string, string>(),
            SaleXml.Counterparty("cp-1", "ООО «Терруар»", "7707083893", "770701001"))));
        (await crm.Lease.TryAcquireAsync(crm.MemberId, PortalLease.SaleInbox, "other-instance", default)).Should().BeTrue();

        (await crm.Inbox.RunOnceAsync(default)).Should().Be(0);
        crm.Portal.Stats.Calls("crm.company.add").Should().Be(0);

        await crm.Lease.ReleaseAsync(crm.MemberId, PortalLease.SaleInbox, "other-instance", default);
        (await crm.SecondInstanceInbox().RunOnceAsync(default)).Should().Be(1);
        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(1);
        await using var db = crm.Database.CreateDbContext();
        (await db.PortalLeases.CountAsync()).Should().Be(0, "a pass releases its leases");
    }

    [Fact]
    public async Task Two_instances_over_one_database_running_at_once_apply_each_row_once()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await crm.ReceiveSaleFileAsync(SaleXml.File(SaleXml.Document($"o-{i}", $"o-{i}", new Dictionary<string, string>(),
                SaleXml.Counterparty("cp-1", $"ООО «Терруар» {i}", "7707083893", "770701001"))), $"orders-{i}.xml");
        }
        var first = crm.Inbox;
        var second = crm.SecondInstanceInbox();

        var runs = await Task.WhenAll(Task.Run(() => first.RunOnceAsync(default)), Task.Run(() => second.RunOnceAsync(default)));
        var applied = runs.Sum();
        // The instance that found the portal leased skipped it; later passes (either instance) finish the rest.
        for (var pass = 0; pass < 5 && applied < 5; pass++)
        {
            applied += await (pass % 2 == 0 ? second : first).RunOnceAsync(default);
        }

        applied.Should().Be(5, "every row is applied exactly once across both instances");

        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(1, "the same counterparty in five files is one company");
        crm.Portal.Stats.Calls("crm.company.add").Should().Be(1);
        await using var db = crm.Database.CreateDbContext();
        (await db.SaleInbox.CountAsync()).Should().Be(0);
    }
}
