using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.Tests.Counterparties;

/// <summary>1C owns the phones/e-mails it supplied: changed or dropped in 1C → changed or deleted in Bitrix24; reps' entries untouched.</summary>
public class ContactOwnershipTests
{
    private static readonly CounterpartyCard Cellar = CounterpartyContactsTests.Cellar with { LegalAddress = null, Phones = ["8 (495) 123-45-67"] };

    private static List<(string Id, string Value, string Type)> Entries(EmulatedCrm crm, string type) =>
        (crm.SingleCompany()[type] as JsonArray ?? []).Select(i => (EmulatedCrm.Field(i, "ID"), EmulatedCrm.Field(i, "VALUE"), EmulatedCrm.Field(i, "VALUE_TYPE"))).ToList();

    private static async Task RepAddsAsync(EmulatedCrm crm, string phone, string valueType = "MOBILE") =>
        await crm.Client.Crm.Companies.UpdateAsync(long.Parse(EmulatedCrm.Field(crm.SingleCompany(), "ID")), new { PHONE = new[] { new { VALUE = phone, VALUE_TYPE = valueType } } });

    [Fact]
    public async Task A_number_1C_changes_is_changed_in_place_and_an_email_it_drops_is_deleted_while_the_reps_mobile_stays()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        var office = Entries(crm, "PHONE").Single();
        await RepAddsAsync(crm, "8 (916) 555-44-33");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Phones = ["+7 495 999-00-11"], Emails = [] }], default);

        Entries(crm, "PHONE").Should().Equal((office.Id, "+7 495 999-00-11", "WORK"), Entries(crm, "PHONE")[1]);
        Entries(crm, "PHONE")[1].Value.Should().Be("8 (916) 555-44-33");
        Entries(crm, "EMAIL").Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_number_written_another_way_is_not_rewritten()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        var before = Entries(crm, "PHONE");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Name = "ООО «Погреб на Тверской»", Phones = ["+74951234567"], Emails = ["INFO@pogreb.ru "] }], default);

        Entries(crm, "PHONE").Should().Equal(before, "8 (495) 123-45-67 and +74951234567 are one number");
        Entries(crm, "EMAIL").Select(e => e.Value).Should().Equal("Info@Pogreb.ru");
        EmulatedCrm.Field(crm.SingleCompany(), "TITLE").Should().Be("ООО «Погреб на Тверской»");
    }

    [Fact]
    public async Task Two_numbers_replaced_by_one_update_the_first_entry_and_delete_the_second()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Phones = ["+7 495 111-11-11", "+7 495 222-22-22"] }], default);
        var ids = Entries(crm, "PHONE").Select(e => e.Id).ToList();

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Phones = ["+7 495 333-33-33"] }], default);

        Entries(crm, "PHONE").Should().Equal((ids[0], "+7 495 333-33-33", "WORK"));
    }

    [Fact]
    public async Task A_number_a_rep_typed_before_1C_sent_it_stays_when_1C_drops_it()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        var companyId = await crm.AddCompanyWithRequisiteAsync("Погреб (вручную)", "7707083893", "770701001");
        await crm.Client.Crm.Companies.UpdateAsync(companyId, new { PHONE = new[] { new { VALUE = "+7 495 123 45 67", VALUE_TYPE = "WORK" } } });

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        Entries(crm, "PHONE").Select(e => e.Value).Should().Equal(["+7 495 123 45 67"], "1C's number is already there");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Phones = [], Emails = [] }], default);

        Entries(crm, "PHONE").Select(e => e.Value).Should().Equal(["+7 495 123 45 67"], "the rep typed it; 1C never owned it");
        Entries(crm, "EMAIL").Should().BeEmpty("1C's e-mail was added by the sync, so it is 1C's to take back");
    }

    [Fact]
    public async Task An_unchanged_card_costs_nothing_once_ownership_is_known()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        var requests = crm.Portal.Stats.Requests;

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);

        crm.Portal.Stats.Requests.Should().Be(requests);
    }

    [Fact]
    public async Task A_link_stored_before_ownership_was_kept_takes_1Cs_values_from_the_company_without_writing()
    {
        await using var crm = await EmulatedCrm.StartAsync();
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        await RepAddsAsync(crm, "8 (916) 555-44-33");
        await using (var db = crm.Database.CreateDbContext())
        {
            await db.CounterpartyLinks.ExecuteUpdateAsync(s => s.SetProperty(l => l.ContactsOwned, (string?)null));
        }
        var updates = crm.Portal.Stats.Calls("crm.company.update");
        var requests = crm.Portal.Stats.Requests;

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);

        crm.Portal.Stats.Requests.Should().Be(requests + 1, "one read batch");
        crm.Portal.Stats.Calls("crm.company.update").Should().Be(updates, "the card did not change: nothing is written");
        await using (var db = crm.Database.CreateDbContext())
        {
            var owned = OwnedContacts.Parse((await db.CounterpartyLinks.SingleAsync()).ContactsOwned)!;
            owned.Phones.Should().Equal("74951234567");
            owned.Emails.Should().Equal("info@pogreb.ru");
        }
        requests = crm.Portal.Stats.Requests;
        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar], default);
        crm.Portal.Stats.Requests.Should().Be(requests, "taken once");

        await crm.Counterparties.ApplyAsync(crm.MemberId, [Cellar with { Phones = ["+7 495 999-00-11"] }], default);
        Entries(crm, "PHONE").Select(e => e.Value).Should().Equal("+7 495 999-00-11", "8 (916) 555-44-33");
    }
}
