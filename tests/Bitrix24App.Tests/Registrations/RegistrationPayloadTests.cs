using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24App.Registrations;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Bitrix24App.Tests.Registrations;

public sealed class RegistrationPayloadTests
{
    private static readonly AppOptions App = new() { PublicUrl = "https://wine.example.com/" };

    [Fact]
    public void Desired_set_always_includes_the_lifecycle_events_and_collapses_duplicates()
    {
        var manifest = new TestManifest();
        var desired = DesiredRegistrations.From([manifest, manifest], App);

        desired.Robots.Should().ContainSingle();
        desired.Placements.Should().ContainSingle();
        desired.Events.Select(e => e.Key).Should().BeEquivalentTo(
            "ONAPPINSTALL https://wine.example.com/events", "ONAPPUPDATE https://wine.example.com/events",
            "ONAPPUNINSTALL https://wine.example.com/events", "ONCRMLEADADD https://wine.example.com/events", "ONCRMDEALUPDATE offline");
        desired.HasOfflineEvents.Should().BeTrue();
        DesiredRegistrations.From([], App).Events.Should().HaveCount(3);
    }

    [Fact]
    public void Robot_add_carries_handler_localized_names_typed_properties_and_document_types()
    {
        var robot = DesiredRegistrations.From([new TestManifest()], App).Robots.Single();

        var p = RobotRegistrations.AddParameters(robot);

        p["CODE"]!.ToString().Should().Be("wineb24_test_robot");
        p["HANDLER"]!.ToString().Should().Be("https://wine.example.com/robots/wineb24_test_robot");
        p["USE_SUBSCRIPTION"]!.ToString().Should().Be("Y");
        p["NAME"]!["ru"]!.ToString().Should().Be("Тестовый робот");
        p["PROPERTIES"]!["Comment"]!["Type"]!.ToString().Should().Be("string");
        p["PROPERTIES"]!["Comment"]!["Required"]!.ToString().Should().Be("Y");
        p["RETURN_PROPERTIES"]!["Result"]!["Name"]!["en"]!.ToString().Should().Be("Result");
        p["DOCUMENT_TYPE"]!.ToObject<string[]>().Should().Equal("crm", "CCrmDocumentDeal", "DEAL");
        p["FILTER"]!["INCLUDE"]!.ToObject<string[][]>().Should().BeEquivalentTo(new[] { new[] { "crm", "CCrmDocumentDeal" }, new[] { "crm", "CCrmDocumentLead" } });
    }

    [Fact]
    public void Offline_binding_has_no_handler_and_online_binding_has_one()
    {
        EventRegistrations.BindParameters(new DesiredEvent("ONCRMDEALUPDATE", true, null))
            .Should().BeEquivalentTo(new JObject { ["event"] = "ONCRMDEALUPDATE", ["event_type"] = "offline" });
        EventRegistrations.BindParameters(new DesiredEvent("ONCRMLEADADD", false, "https://wine.example.com/events"))["handler"]!.ToString()
            .Should().Be("https://wine.example.com/events");
    }

    [Fact]
    public void Placement_and_user_field_payloads_are_localized()
    {
        var placement = new DesiredPlacement(new PlacementDefinition("CRM_DEAL_DETAIL_TAB", "/p", new("Вкладка", "Tab"), new("Описание", "Description")), "https://wine.example.com/p");
        var bind = PlacementRegistrations.BindParameters(placement, "en");
        bind["TITLE"]!.ToString().Should().Be("Tab");
        bind["LANG_ALL"]!["ru"]!["TITLE"]!.ToString().Should().Be("Вкладка");

        var field = UserFieldRegistrations.AddFields(new UserFieldDefinition("company", "uf_crm_segment", "enumeration", new("Сегмент", "Segment"), ListValues: ["HoReCa", "Сети"]), "ru");
        field["FIELD_NAME"]!.ToString().Should().Be("UF_CRM_SEGMENT");
        field["LABEL"]!.ToString().Should().Be("Сегмент");
        field["LIST"]!.Select(v => v["VALUE"]!.ToString()).Should().Equal("HoReCa", "Сети");
        UserFieldRegistrations.FullName("WINE").Should().Be("UF_CRM_WINE");
    }
}
