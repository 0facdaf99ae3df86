using System.Net;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.Duplicates;

/// <summary>Seed the CRM, post the robot call as Bitrix24 would, read what came back to the workflow.</summary>
public class CheckDuplicatesEndToEndTests
{
    private const string Member = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string AppToken = "f00dcafe";

    private static async Task<JObject> RunAsync(FakePortals portals, string documentId, string eventToken)
    {
        await using var host = await RobotHost.StartAsync(portals);
        var response = await host.Http.PostAsync(CheckDuplicatesRobot.Code,
            RobotForm.For(Member, AppToken, CheckDuplicatesRobot.Code, documentId, eventToken));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await portals[Member].WaitForEventSendAsync();
    }

    [Fact]
    public async Task Deal_is_checked_by_its_contacts_and_company_which_are_not_duplicates_themselves()
    {
        var portals = new FakePortals();
        var crm = portals.Install(Member, AppToken);
        crm.Add("DEAL", 50, "17", companyId: 3, contactId: 7);
        crm.LinkDealContacts(50, 7, 8);
        crm.Add("CONTACT", 7, "17", phones: ["+7 (916) 111-22-33"]);
        crm.Add("CONTACT", 8, "17", emails: ["sommelier@restoran.ru"]);
        crm.Add("COMPANY", 3, "17", phones: ["8 495 765-43-21"], emails: ["info@restoran.ru"]);
        crm.Add("LEAD", 12, "17", phones: ["89161112233"]);                       // same phone as contact 7
        crm.Add("CONTACT", 20, "31", emails: ["Sommelier@Restoran.RU"]);          // same e-mail as contact 8, other manager
        crm.Add("COMPANY", 4, "17", phones: ["+74957654321"]);                     // same phone as the company
        crm.Add("LEAD", 13, "31", phones: ["+7 999 000-00-00"]);                   // unrelated

        var sent = await RunAsync(portals, "DEAL_50", "wf-d|A1|sig");

        var values = (JObject)sent["RETURN_VALUES"]!;
        values.Value<string>("DuplicateIds").Should().Be("LEAD_12,CONTACT_20,COMPANY_4");
        values.Value<long>("DuplicateCount").Should().Be(3);
        values.Value<string>("HasOtherResponsible").Should().Be("Y");
    }

    [Fact]
    public async Task Company_with_duplicates_led_by_the_same_manager_has_no_other_responsible()
    {
        var portals = new FakePortals();
        var crm = portals.Install(Member, AppToken, language: "en");
        crm.Add("COMPANY", 3, "17", phones: ["+7 812 555-11-22"]);
        crm.Add("LEAD", 40, "17", phones: ["8 (812) 555-11-22"]);

        var sent = await RunAsync(portals, "COMPANY_3", "wf-c|A1|sig");

        sent["RETURN_VALUES"]!.Value<string>("DuplicateIds").Should().Be("LEAD_40");
        sent["RETURN_VALUES"]!.Value<string>("HasOtherResponsible").Should().Be("N");
        sent.Value<string>("LOG_MESSAGE").Should().Be("Found 1 duplicates of COMPANY_3 (LEAD_40)");
    }

    [Fact]
    public async Task Record_without_phones_or_emails_has_no_duplicates_and_searches_nothing()
    {
        var portals = new FakePortals();
        var crm = portals.Install(Member, AppToken);
        crm.Add("CONTACT", 9, "17");
        crm.Add("CONTACT", 10, "31", phones: ["+7 916 123 45 67"]);

        var sent = await RunAsync(portals, "CONTACT_9", "wf-e|A1|sig");

        sent["RETURN_VALUES"]!.Value<long>("DuplicateCount").Should().Be(0);
        sent["RETURN_VALUES"]!.Value<string>("DuplicateIds").Should().BeEmpty();
        sent["RETURN_VALUES"]!.Value<string>("HasOtherResponsible").Should().Be("N");
        sent.Value<string>("LOG_MESSAGE").Should().Contain("нет телефонов и e-mail");
        crm.CallCount("crm.duplicate.findbycomm").Should().Be(0);
    }

    [Fact]
    public async Task More_than_twenty_phones_are_searched_in_groups_of_twenty()
    {
        var portals = new FakePortals();
        var crm = portals.Install(Member, AppToken);
        var phones = Enumerable.Range(0, 25).Select(i => $"+7 916 000-00-{i:00}").ToArray();
        crm.Add("LEAD", 1, "17", phones: phones);
        crm.Add("CONTACT", 2, "17", phones: [phones[24]]);   // only found in the second group

        var sent = await RunAsync(portals, "LEAD_1", "wf-m|A1|sig");

        sent["RETURN_VALUES"]!.Value<string>("DuplicateIds").Should().Be("CONTACT_2");
        crm.CallCount("crm.duplicate.findbycomm").Should().Be(6);   // 2 groups × lead/contact/company
    }

    [Fact]
    public async Task Document_type_other_than_crm_entities_gets_an_error()
    {
        var portals = new FakePortals();
        portals.Install(Member, AppToken);

        var sent = await RunAsync(portals, "QUOTE_3", "wf-q|A1|sig");

        sent["RETURN_VALUES"]!.Value<string>("Error").Should().Contain("QUOTE_3");
    }
}
