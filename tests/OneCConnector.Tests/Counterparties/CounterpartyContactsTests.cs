using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Counterparties;
using WineB24.PortalEmulator.Crm;

namespace WineB24.OneCConnector.Tests.Counterparties;

/// <summary>Legal address on the requisite and phones/e-mails on existing companies, against the emulator through the SDK.</summary>
public class CounterpartyContactsTests
{
    internal static readonly CounterpartyCard Cellar = new("cp-1", "ООО «Погреб»", "ООО «Погреб»", "7707083893", "770701001", CounterpartyKind.LegalEntity,
        "125009, Москва г, Тверская ул, дом № 7, офис 12", ["+7 495 111-22-33"], ["Info@Pogreb.ru"], false);

    private static List<string> Values(JsonObject company, string type) =>
        (company[type] as JsonArray ?? []).Select(i => EmulatedCrm.Field(i, "VALUE")).ToList();

    [Fact]
    public async Task The_legal_address_goes_onto_the_new_requisite_and_is_updated_only_when_1C_changes_it()
    {
        await using var crm = await EmulatedCrm.StartAsync();

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);

        var requisite = crm.Portal.Crm.Requisites.Values.Single();
        var address = crm.Portal.Crm.Addresses.Single();
        (EmulatedCrm.Field(address, "TYPE_ID"), EmulatedCrm.Field(address, "ENTITY_TYPE_ID"), EmulatedCrm.Field(address, "ENTITY_ID"), EmulatedCrm.Field(address, "ANCHOR_ID"))
            .Should().Be(("6", "8", EmulatedCrm.Field(requisite, "ID"), EmulatedCrm.Field(requisite, "ENTITY_ID")));
        (EmulatedCrm.Field(address, "POSTAL_CODE"), EmulatedCrm.Field(address, "CITY"), EmulatedCrm.Field(address, "ADDRESS_1"), EmulatedCrm.Field(address, "ADDRESS_2"))
            .Should().Be(("125009", "Москва", "Тверская ул, дом № 7", "офис 12"));
        crm.Portal.Stats.Calls("batch").Should().Be(2, "the address rides in the company's write batch");

        // Another field of the card changes: the address is read, found equal, not written.
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Name = "ООО «Погреб на Тверской»" }], default);
        crm.Portal.Stats.Calls("crm.address.add").Should().Be(1);
        crm.Portal.Stats.Calls("crm.address.update").Should().Be(0);

        var moved = Cellar with { Name = "ООО «Погреб на Тверской»", LegalAddress = "Россия, 630099, Новосибирская обл, Новосибирск г, Красный пр-кт, дом № 20" };
        await crm.Counterparties.ApplyAsync(crm.MemberId, [moved], default);
        crm.Portal.Stats.Calls("crm.address.update").Should().Be(1);
        address = crm.Portal.Crm.Addresses.Single();
        (EmulatedCrm.Field(address, "CITY"), EmulatedCrm.Field(address, "PROVINCE"), EmulatedCrm.Field(address, "ADDRESS_2"), EmulatedCrm.Field(address, "COUNTRY"))
            .Should().Be(("Новосибирск", "Новосибирская обл", "", "Россия"), "the old office is cleared, not left over");

        var requests = crm.Portal.Stats.Requests;
        await crm.Counterparties.ApplyAsync(crm.MemberId, [moved], default);
        crm.Portal.Stats.Requests.Should().Be(requests, "an unchanged card costs nothing");
    }

    [Fact]
    public async Task A_company_found_by_INN_gets_the_address_added_to_its_existing_requisite()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var companyId = await crm.AddCompanyWithRequisiteAsync("Погреб (вручную)", "7707083893", "770701001");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Phones = [], Emails = [] }], default);

        var address = crm.Portal.Crm.Addresses.Single();
        EmulatedCrm.Field(address, "ANCHOR_ID").Should().Be(companyId.ToString());
        EmulatedCrm.Field(address, "CITY").Should().Be("Москва");
        crm.Portal.Crm.All(CrmEntityType.Company).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_changed_card_adds_only_new_phones_and_emails_and_keeps_what_a_rep_added()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        var id = long.Parse(EmulatedCrm.Field(crm.SingleCompany(), "ID"));
        // A sales rep adds a mobile by hand.
        await crm.Client.Crm.Companies.UpdateAsync(id, new { PHONE = new[] { new { VALUE = "8 (916) 555-44-33", VALUE_TYPE = "MOBILE" } } });

        // 1C now lists the office number written differently, the rep's mobile, a new number and the e-mail in other case.
        var changed = Cellar with
        {
            Phones = ["8 495 1112233", "+79165554433", "+7 (812) 000-11-22", "+7 812 000 11 22"],
            Emails = ["info@pogreb.ru", "buh@pogreb.ru"],
        };
        await crm.Counterparties.ApplyAsync(crm.MemberId, [changed], default);

        var company = crm.SingleCompany();
        Values(company, "PHONE").Should().Equal("+7 495 111-22-33", "8 (916) 555-44-33", "+7 (812) 000-11-22");
        Values(company, "EMAIL").Should().Equal("Info@Pogreb.ru", "buh@pogreb.ru");

        // 1C drops its office number and also lists the rep's mobile no more: its own number goes, the rep's stays.
        await crm.Counterparties.ApplyAsync(crm.MemberId, [changed with { Phones = ["+7 812 000-11-22"] }], default);
        Values(crm.SingleCompany(), "PHONE").Should().Equal("8 (916) 555-44-33", "+7 (812) 000-11-22");
    }
}
