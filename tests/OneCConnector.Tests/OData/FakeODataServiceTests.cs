using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.OneCEmulator.OData;

namespace WineB24.OneCConnector.Tests.OData;

/// <summary>The fake 1C is held to what the sheet says a real publication answers, so the client cannot pass against a lenient fake.</summary>
public class FakeODataServiceTests
{
    private static HttpClient Http(FakeODataService service, string? password = null)
    {
        var http = new HttpClient { BaseAddress = service.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(service.Login + ":" + (password ?? service.Password))));
        return http;
    }

    [Fact]
    public async Task Answers_carry_odata_metadata_and_value_with_1C_field_conventions()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 20);
        using var http = Http(h.Service);

        var body = JsonNode.Parse(await http.GetStringAsync("Catalog_%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B%D0%9A%D0%BE%D0%BD%D1%82%D1%80%D0%B0%D0%B3%D0%B5%D0%BD%D1%82%D0%BE%D0%B2?$format=json&$top=1"))!;

        body["odata.metadata"]!.GetValue<string>().Should().EndWith("$metadata#Catalog_ДоговорыКонтрагентов");
        var row = body["value"]![0]!;
        Guid.TryParse(row["Ref_Key"]!.GetValue<string>(), out _).Should().BeTrue();
        row["ДатаОкончанияДействия"]!.GetValue<string>().Should().Be("0001-01-01T00:00:00");
        row["DeletionMark"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Without_credentials_or_with_a_wrong_password_it_is_401_with_a_basic_challenge()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 1);
        using var anonymous = new HttpClient { BaseAddress = h.Service.BaseUri };
        using var wrong = Http(h.Service, "x");

        var a = await anonymous.GetAsync("Catalog_%D0%9F%D0%B0%D1%80%D1%82%D0%BD%D0%B5%D1%80%D1%8B?$format=json");
        var b = await wrong.GetAsync("Catalog_%D0%9F%D0%B0%D1%80%D1%82%D0%BD%D0%B5%D1%80%D1%8B?$format=json");

        a.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        b.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        a.Headers.WwwAuthenticate.ToString().Should().StartWith("Basic");
    }

    [Fact]
    public async Task Errors_are_xml_unless_json_was_asked_for()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 1);
        using var http = Http(h.Service);

        var xml = await http.GetAsync("Catalog_Nope");
        var json = await http.GetAsync("Catalog_Nope?$format=json");

        xml.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await xml.Content.ReadAsStringAsync()).Should().StartWith("<?xml").And.Contain("<m:code>9</m:code>");
        JsonNode.Parse(await json.Content.ReadAsStringAsync())!["odata.error"]!["message"]!["lang"]!.GetValue<string>().Should().Be("ru");
    }

    [Fact]
    public void Generated_inns_pass_the_checksum_and_branches_share_an_inn_with_their_own_kpp()
    {
        var trade = TradeInfobase.Generate(seed: 7, counterparties: 400, DateTime.UtcNow.Date);

        trade.Generated.Should().OnlyContain(g => TaxIds.IsValidInn(g.Inn));
        trade.Generated.Where(g => g.IsEntrepreneur).Should().OnlyContain(g => g.Inn.Length == 12 && g.Kpp == "");
        trade.Generated.Where(g => !g.IsEntrepreneur).Should().OnlyContain(g => g.Inn.Length == 10 && g.Kpp.Length == 9 && g.Kpp.Substring(0, 4) == g.Inn.Substring(0, 4));
        trade.Generated.GroupBy(g => g.Inn).Where(g => g.Count() > 1).Should().NotBeEmpty()
            .And.OnlyContain(g => g.Select(x => x.Kpp).Distinct().Count() == g.Count());
        TaxIds.IsValidInn("7707083893").Should().BeTrue("Сбербанк's ИНН");
        TaxIds.IsValidInn("7707083894").Should().BeFalse();
    }

    [Fact]
    public void Balance_before_a_period_excludes_later_movements_and_groups_by_the_asked_dimensions()
    {
        var infobase = new Infobase();
        var register = infobase.AddRegister("AccumulationRegister_Тест", ["A_Key", "B"], ["Сумма"]);
        register.Add(new DateTime(2026, 1, 1), new JsonObject { ["A_Key"] = "a", ["B"] = "x", ["Сумма"] = 10m });
        register.Add(new DateTime(2026, 1, 5), new JsonObject { ["A_Key"] = "a", ["B"] = "y", ["Сумма"] = 5m });
        register.Add(new DateTime(2026, 2, 1), new JsonObject { ["A_Key"] = "a", ["B"] = "x", ["Сумма"] = -10m });

        var january = register.Balance(new DateTime(2026, 2, 1), null, ["A_Key"]);
        var now = register.Balance(null, null, null);
        var onlyY = register.Balance(null, ODataFilter.Parse("B eq 'y'", new HashSet<string> { "A_Key", "B" }), ["A_Key"]);

        january.Should().ContainSingle().Which["СуммаBalance"]!.GetValue<decimal>().Should().Be(15m);
        now.Should().ContainSingle("x nets to zero and 1C drops zero rows").Which["B"]!.GetValue<string>().Should().Be("y");
        onlyY.Single()["СуммаBalance"]!.GetValue<decimal>().Should().Be(5m);
    }

    [Theory]
    [InlineData("ИНН eq '7707083893' and not DeletionMark", true)]
    [InlineData("(ИНН eq '1' or КПП eq '773601001') and DeletionMark eq false", true)]
    [InlineData("substringof('Винный', Description)", true)]
    [InlineData("startswith(Description, 'ООО')", true)]
    [InlineData("Ref_Key eq guid'5C2B8F0E-3D7A-4E61-9A0B-7F1C2D3E4A5B'", true)]
    [InlineData("Дата gt datetime'2026-01-01T00:00:00'", true)]
    [InlineData("Сумма ge 100.5 and Сумма lt 101", true)]
    [InlineData("Description eq 'О''Нил'", false)]
    public void Filter_subset_evaluates_like_1C(string filter, bool expected)
    {
        var row = new JsonObject
        {
            ["Ref_Key"] = "5c2b8f0e-3d7a-4e61-9a0b-7f1c2d3e4a5b", ["ИНН"] = "7707083893", ["КПП"] = "773601001", ["DeletionMark"] = false,
            ["Description"] = "ООО «Винный погреб»", ["Дата"] = "2026-03-01T00:00:00", ["Сумма"] = 100.5m,
        };
        var properties = new HashSet<string>(row.Select(p => p.Key));

        ODataFilter.Parse(filter, properties).Matches(row).Should().Be(expected);
    }

    [Theory]
    [InlineData("Инн eq '1'")]
    [InlineData("ИНН eq")]
    [InlineData("ИНН eq 'open")]
    [InlineData("ИНН eq '1' ИНН")]
    public void Malformed_or_unknown_filters_are_refused(string filter)
    {
        var act = () => ODataFilter.Parse(filter, new HashSet<string> { "ИНН" });

        act.Should().Throw<ODataRequestException>().Which.Status.Should().Be(400);
    }
}
