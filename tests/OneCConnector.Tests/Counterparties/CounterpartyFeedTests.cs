using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Counterparties;

/// <summary>Counterparties arriving in bulk: the 3.x standalone block, request counts at scale, portal clean-up.</summary>
public class CounterpartyFeedTests
{
    private static string Inn10(int seed)
    {
        int[] w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var body = (770000000 + seed).ToString();
        var sum = body.Select((c, i) => (c - '0') * w[i]).Sum();
        return body + (sum % 11 % 10);
    }

    [Fact]
    public async Task A_standalone_Kontragenty_block_of_a_3x_file_creates_companies()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация ВерсияСхемы=\"3.1\"><Контрагенты>");
        xml.Append("<Контрагент><Ид>a-1</Ид><Наименование>ООО «Терруар»</Наименование><ИНН>7707083893</ИНН><КПП>770701001</КПП></Контрагент>");
        xml.Append("<Контрагент><Ид>a-2</Ид><Наименование>Петров Пётр</Наименование><Фамилия>Петров</Фамилия><Имя>Пётр</Имя></Контрагент>");
        xml.Append("</Контрагенты></КоммерческаяИнформация>");

        await crm.ReceiveSaleFileAsync(xml.ToString(), "contragents___1.xml");
        await crm.Inbox.RunOnceAsync(default);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(2);
        crm.Portal.Crm.Requisites.Values.Select(r => r["PRESET_ID"]!.GetValue<string>()).Should().BeEquivalentTo("1", "3");
    }

    [Fact]
    public async Task Two_hundred_new_counterparties_cost_a_few_batch_requests_and_none_the_second_time()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var cards = Enumerable.Range(0, 200).Select(i => new CounterpartyCard($"bulk-{i}", $"Клиент {i}", null, Inn10(i), "770101001",
            CounterpartyKind.LegalEntity, null, [], [], false)).ToList();

        await crm.Counterparties.ApplyAsync(crm.MemberId, cards, default);
        var first = crm.Portal.Stats.Requests;
        await crm.Counterparties.ApplyAsync(crm.MemberId, cards, default);

        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(200);
        crm.Portal.Crm.Requisites.Should().HaveCount(200);
        // 1 preset list + 400 lookups in 8 batches + 400 writes in 8 batches (a card's pair never split).
        first.Should().Be(17);
        crm.Portal.Stats.Requests.Should().Be(first);
    }

    [Fact]
    public async Task Two_hundred_changed_phones_are_replaced_in_place_in_a_few_batches()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var cards = Enumerable.Range(0, 200).Select(i => new CounterpartyCard($"bulk-{i}", $"Клиент {i}", null, Inn10(i), "770101001",
            CounterpartyKind.LegalEntity, null, [$"+7 495 100-{i / 100:00}-{i % 100:00}"], [], false)).ToList();
        await crm.Counterparties.ApplyAsync(crm.MemberId, cards, default);
        var ids = crm.Portal.Crm.All(CrmEntityType.Company).ToDictionary(c => EmulatedCrm.Field(c, "ORIGIN_ID"), c => EmulatedCrm.Field(c["PHONE"]![0], "ID"));
        var requests = crm.Portal.Stats.Requests;

        await crm.Counterparties.ApplyAsync(crm.MemberId, cards.Select(c => c with { Phones = ["8 (812) " + c.Phones[0][7..]] }).ToList(), default);

        // 400 lookups (INN+KPP, the linked company's requisites) in 8 batches, 200 company reads in 4, 400 writes in 8.
        (crm.Portal.Stats.Requests - requests).Should().Be(20);
        foreach (var company in crm.Portal.Crm.All(CrmEntityType.Company))
        {
            var phone = company["PHONE"]!.AsArray().Single()!;
            EmulatedCrm.Field(phone, "ID").Should().Be(ids[EmulatedCrm.Field(company, "ORIGIN_ID")]);
            EmulatedCrm.Field(phone, "VALUE").Should().StartWith("8 (812) ");
        }
    }

    [Fact]
    public async Task Uninstall_with_clean_removes_the_portals_links_review_map_and_inbox_only()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId,
        [
            new("x-1", "ООО «Один»", null, "7707083893", "770701001", CounterpartyKind.LegalEntity, null, [], [], false),
            new("x-2", "Без ИНН", null, null, null, CounterpartyKind.LegalEntity, null, [], [], false),
        ], default);
        await crm.Exports.QueueDealAsync(crm.MemberId, 5, default);
        (await crm.Lease.TryAcquireAsync(crm.MemberId, PortalLease.SaleInbox, "crashed-instance", default)).Should().BeTrue();
        await using (var db = crm.Database.CreateDbContext())
        {
            db.CounterpartyLinks.Add(new CounterpartyLinkRecord { MemberId = "other-portal", OneCId = "x-1", CompanyId = 9, CardHash = "h" });
            await db.SaveChangesAsync();
        }

        using var temp = new TempDirectory();
        await new OneCPortalDataCleaner(crm.Database, new UploadStore(Microsoft.Extensions.Options.Options.Create(new WineB24.OneCConnector.CommerceML.OneCExchangeOptions { ExchangeRoot = temp.Path })))
            .DeletePortalDataAsync(crm.MemberId, default);

        await using var after = crm.Database.CreateDbContext();
        (await after.CounterpartyLinks.Select(l => l.MemberId).ToListAsync()).Should().Equal("other-portal");
        (await after.Review.CountAsync()).Should().Be(0);
        (await after.DealLinks.CountAsync()).Should().Be(0);
        (await after.PortalLeases.CountAsync()).Should().Be(0, "a sale lease left by a crashed instance goes too");
    }
}
