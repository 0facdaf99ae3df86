using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Placements.Settings;

namespace WineB24.Placements.Tests.Settings;

public class RegistrationComparisonTests
{
    [Fact]
    public void Marks_each_name_ok_missing_or_extra()
    {
        var rows = RegistrationComparison.Compare("robot", ["a", "b"], ["b", "c"]);

        rows.Select(r => (r.Name, r.Status)).Should().Equal(
            ("a", RegistrationStatus.Missing), ("b", RegistrationStatus.Ok), ("c", RegistrationStatus.Extra));
    }

    [Fact]
    public void Portal_handlers_are_compared_by_path()
    {
        var names = RegistrationComparison.PortalPlacements(JArray.Parse(
            """[{"placement":"crm_deal_detail_tab","handler":"https://wine.example.ru/placements/deal-tab?x=1"}]"""));

        names.Should().Equal("CRM_DEAL_DETAIL_TAB → /placements/deal-tab");
    }

    [Fact]
    public void Offline_events_have_no_handler()
    {
        var names = RegistrationComparison.PortalEvents(JArray.Parse(
            """[{"event":"onCrmDealUpdate","handler":"","offline":1},{"event":"ONAPPUNINSTALL","handler":"https://w.example/events","offline":0}]"""));

        names.Should().Equal("ONCRMDEALUPDATE (offline)", "ONAPPUNINSTALL → /events");
    }

    [Fact]
    public void Unexpected_shapes_give_no_names()
    {
        RegistrationComparison.PortalRobots(new JObject()).Should().BeEmpty();
        RegistrationComparison.PortalPlacements(JValue.CreateString("x")).Should().BeEmpty();
    }
}
