using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Methods;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.Duplicates;

/// <summary>
/// CRM data created on an emulated portal through REST, the robot run by the portal, the answer read from what the
/// app sent with bizproc.event.send. User 1 is the portal admin; other users are added per test.
/// </summary>
public class CheckDuplicatesEndToEndTests
{
    [Fact]
    public async Task Phones_typed_in_different_formats_are_the_same_number()
    {
        await using var s = await RobotScene.StartAsync();
        var lead = await s.AddAsync("LEAD", 1, phones: ["+7 (916) 123-45-67"]);
        var contact = await s.AddAsync("CONTACT", 1, phones: ["89161234567"]);
        var company = await s.AddAsync("COMPANY", 1, phones: ["916 123 45 67"]);
        await s.AddAsync("LEAD", 1, phones: ["+7 916 765-43-21"]);   // another number

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("DuplicateIds").Should().Be($"CONTACT_{contact},COMPANY_{company}");
        result.Value("DuplicateCount").Should().Be("2");
        result.Value("HasOtherResponsible").Should().Be("N");
        result.Value("Error").Should().BeEmpty();
    }

    [Fact]
    public async Task E_mails_match_whatever_their_case()
    {
        await using var s = await RobotScene.StartAsync();
        var contact = await s.AddAsync("CONTACT", 1, emails: ["Sommelier@Restoran.RU"]);
        var lead = await s.AddAsync("LEAD", 1, emails: [" sommelier@restoran.ru"]);

        var result = await s.RunAsync($"CONTACT_{contact}");

        result.Value("DuplicateIds").Should().Be($"LEAD_{lead}");
    }

    [Fact]
    public async Task Deal_is_checked_by_its_contacts_and_company_across_leads_contacts_and_companies()
    {
        await using var s = await RobotScene.StartAsync();
        var other = s.Portal.AddUser("Иван", lastName: "Продажников").Id;
        var contact7 = await s.AddAsync("CONTACT", 1, phones: ["+7 (916) 111-22-33"]);
        var contact8 = await s.AddAsync("CONTACT", 1, emails: ["sommelier@restoran.ru"]);
        var company = await s.AddAsync("COMPANY", 1, phones: ["8 495 765-43-21"], emails: ["info@restoran.ru"]);
        var deal = await s.AddAsync("DEAL", 1, more: new JObject { ["COMPANY_ID"] = company, ["CONTACT_IDS"] = new JArray(contact7, contact8) });
        var lead = await s.AddAsync("LEAD", 1, phones: ["89161112233"]);                        // contact 7's phone
        var rival = await s.AddAsync("CONTACT", other, emails: ["Sommelier@Restoran.RU"]);      // contact 8's e-mail, another manager
        var sameFirm = await s.AddAsync("COMPANY", 1, phones: ["+74957654321"]);                 // the company's phone
        await s.AddAsync("LEAD", other, phones: ["+7 999 000-00-00"]);                           // unrelated

        var result = await s.RunAsync($"DEAL_{deal}");

        result.Value("DuplicateIds").Should().Be($"LEAD_{lead},CONTACT_{rival},COMPANY_{sameFirm}");
        result.Value("DuplicateCount").Should().Be("3");
        result.Value("HasOtherResponsible").Should().Be("Y");
    }

    [Fact]
    public async Task Duplicates_led_by_the_same_manager_have_no_other_responsible_and_the_log_speaks_english()
    {
        await using var s = await RobotScene.StartAsync(language: "en");
        var company = await s.AddAsync("COMPANY", 1, phones: ["+7 812 555-11-22"]);
        var lead = await s.AddAsync("LEAD", 1, phones: ["8 (812) 555-11-22"]);

        var result = await s.RunAsync($"COMPANY_{company}");

        result.Value("DuplicateIds").Should().Be($"LEAD_{lead}");
        result.Value("HasOtherResponsible").Should().Be("N");
        result.LogMessage.Should().Be($"Found 1 duplicates of COMPANY_{company} (LEAD_{lead})");
    }

    [Fact]
    public async Task Duplicate_with_another_responsible_is_flagged()
    {
        await using var s = await RobotScene.StartAsync();
        var other = s.Portal.AddUser("Ольга").Id;
        var lead = await s.AddAsync("LEAD", 1, phones: ["+7 903 100-20-30"]);
        await s.AddAsync("CONTACT", other, phones: ["8 903 100 20 30"]);

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("HasOtherResponsible").Should().Be("Y");
        result.LogMessage.Should().Contain("есть другой ответственный");
    }

    [Fact]
    public async Task Record_without_phones_or_emails_has_no_duplicates_and_searches_nothing()
    {
        await using var s = await RobotScene.StartAsync();
        var bare = await s.AddAsync("CONTACT", 1);
        await s.AddAsync("CONTACT", 1, phones: ["+7 916 123 45 67"]);

        var result = await s.RunAsync($"CONTACT_{bare}");

        result.Value("DuplicateCount").Should().Be("0");
        result.Value("DuplicateIds").Should().BeEmpty();
        result.Value("HasOtherResponsible").Should().Be("N");
        result.LogMessage.Should().Contain("нет телефонов и e-mail");
        s.Portal.Stats.Calls("crm.duplicate.findbycomm").Should().Be(0);
    }

    [Fact]
    public async Task More_than_twenty_phones_are_searched_in_groups_of_twenty()
    {
        await using var s = await RobotScene.StartAsync();
        var phones = Enumerable.Range(0, 25).Select(i => $"+7 916 000-00-{i:00}").ToArray();
        var lead = await s.AddAsync("LEAD", 1, phones: phones);
        var contact = await s.AddAsync("CONTACT", 1, phones: [phones[24]]);   // only in the second group

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("DuplicateIds").Should().Be($"CONTACT_{contact}");
        s.Portal.Stats.Calls("crm.duplicate.findbycomm").Should().Be(6);   // 2 groups × lead/contact/company
    }

    [Fact]
    public async Task Searches_that_do_not_fit_one_batch_go_as_several_batches()
    {
        await using var s = await RobotScene.StartAsync();
        // 340 numbers = 17 groups of 20 × 3 entity types = 51 searches: one more than a batch holds.
        var phones = Enumerable.Range(0, 340).Select(i => "+7 916 " + (1_000_000 + i)).ToArray();
        var lead = await s.AddAsync("LEAD", 1, phones: phones);
        var company = await s.AddAsync("COMPANY", 1, phones: ["8 916 100 03 39"]);   // the very last number
        var batchesBefore = s.Portal.Stats.Calls("batch");

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("DuplicateIds").Should().Be($"COMPANY_{company}");
        s.Portal.Stats.Calls("crm.duplicate.findbycomm").Should().Be(51);
        // read the lead, 2 batches of searches, read the duplicates' responsibles
        (s.Portal.Stats.Calls("batch") - batchesBefore).Should().Be(4);
    }

    [Fact]
    public async Task Deleted_records_are_not_duplicates_and_a_deals_deleted_contact_is_skipped()
    {
        await using var s = await RobotScene.StartAsync();
        var gone = await s.AddAsync("CONTACT", 1, phones: ["+7 926 000-11-22"]);
        var company = await s.AddAsync("COMPANY", 1, emails: ["office@vinoteka.ru"]);
        var deal = await s.AddAsync("DEAL", 1, more: new JObject { ["COMPANY_ID"] = company, ["CONTACT_IDS"] = new JArray(gone) });
        var oldLead = await s.AddAsync("LEAD", 1, emails: ["OFFICE@vinoteka.ru"]);
        var lead = await s.AddAsync("LEAD", 1, emails: ["office@vinoteka.ru"]);
        await s.AddAsync("LEAD", 1, phones: ["89260001122"]);   // the deleted contact's phone: no longer searched
        (await s.Crm.Crm.Contacts.DeleteAsync(gone)).Should().BeTrue();
        (await s.Crm.Crm.Leads.DeleteAsync(oldLead)).Should().BeTrue();

        var result = await s.RunAsync($"DEAL_{deal}");

        result.Value("Error").Should().BeEmpty();
        result.Value("DuplicateIds").Should().Be($"LEAD_{lead}");
    }

    [Fact]
    public async Task Deleted_document_gets_a_readable_error()
    {
        await using var s = await RobotScene.StartAsync(language: "en");
        var lead = await s.AddAsync("LEAD", 1, phones: ["+7 916 123 45 67"]);
        await s.Crm.Crm.Leads.DeleteAsync(lead);

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("Error").Should().Be($"Could not read LEAD_{lead}: NOT_FOUND Not found");
        result.Value("DuplicateCount").Should().BeNull();
    }

    [Fact]
    public async Task Document_type_other_than_crm_entities_gets_an_error()
    {
        await using var s = await RobotScene.StartAsync();

        var result = await s.RunAsync("QUOTE_3");

        result.Value("Error").Should().Contain("QUOTE_3");
    }

    [Fact]
    public async Task A_portal_sees_only_its_own_crm()
    {
        await using var s = await RobotScene.StartAsync();
        var neighbour = await s.Install.InstallAsync();
        await s.Host.RegisterRobotAsync(neighbour, new WineB24.Robots.Duplicates.CheckDuplicatesRobot());
        var lead = await s.AddAsync("LEAD", 1, phones: ["+7 916 555 44 33"]);
        await s.Host.ClientFor(neighbour).Crm.Contacts.AddAsync(new JObject
        {
            ["NAME"] = "Сосед", ["PHONE"] = new JArray(new JObject { ["VALUE"] = "+7 916 555 44 33", ["VALUE_TYPE"] = "WORK" }),
        });

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("DuplicateCount").Should().Be("0");
        neighbour.Stats.Calls("crm.duplicate.findbycomm").Should().Be(0);
    }
}
