using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.OneCConnector.OData;
using WineB24.OneCEmulator.OData;

namespace WineB24.OneCConnector.Tests.OData;

/// <summary>
/// A register's <c>/Balance</c> larger than one page: the client pages it over its grouping dimensions and stays correct
/// whatever the publication does with <c>$top</c>/<c>$skip</c> on virtual tables; the fake returns an unordered GROUP BY
/// unless <c>$orderby</c> is given, so paging without it cannot pass.
/// </summary>
public class VirtualTablePagingTests
{
    private static readonly string[] StockDimensions = ["Номенклатура_Key", "Характеристика_Key", "Склад_Key"];

    private static ODataQuery Stock() =>
        ODataQuery.Balance("AccumulationRegister_ТоварыНаСкладах", dimensions: StockDimensions) with { Select = [.. StockDimensions, "ВНаличииBalance"] };

    private static Dictionary<(string, string), decimal> ByOffer(IEnumerable<JsonObject> rows) => rows.ToDictionary(
        r => (ODataValues.IsEmptyRef(ODataValues.Text(r, "Характеристика_Key"))
                ? ODataValues.Text(r, "Номенклатура_Key")
                : ODataValues.Text(r, "Номенклатура_Key") + "#" + ODataValues.Text(r, "Характеристика_Key"),
            ODataValues.Text(r, "Склад_Key")),
        r => ODataValues.Number(r, "ВНаличииBalance"));

    [Fact]
    public async Task Balance_larger_than_a_page_is_read_in_pages_ordered_by_its_dimensions()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);
        var client = h.Client();
        h.Trade.ExpectedStock.Should().HaveCountGreaterThan(2 * h.Options.PageSize, "three pages at least");

        var rows = await client.GetBalanceAsync(Stock(), StockDimensions, default);

        ByOffer(rows).Should().BeEquivalentTo(h.Trade.ExpectedStock);
        client.RequestsSent.Should().Be(h.Trade.ExpectedStock.Count / h.Options.PageSize + 1);
        h.Service.Requests.Should().OnlyContain(r => r.Contains("Balance(Dimensions='Номенклатура,Характеристика,Склад')")
            && r.Contains("$orderby=Номенклатура_Key,Характеристика_Key,Склад_Key") && r.Contains("$top=50"));
        h.Service.Requests.Should().Contain(r => r.Contains("$skip=100"));
    }

    [Theory]
    [InlineData(VirtualTablePaging.SkipIgnored, 3)]   // first page, the same page again, then the whole table in one request
    [InlineData(VirtualTablePaging.Ignored, 1)]       // the first answer is the whole table
    public async Task When_1C_ignores_skip_or_top_on_a_virtual_table_the_whole_table_is_still_read_once(VirtualTablePaging paging, int requests)
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);
        h.Service.VirtualTablePaging = paging;
        var client = h.Client();

        var rows = await client.GetBalanceAsync(Stock(), StockDimensions, default);

        ByOffer(rows).Should().BeEquivalentTo(h.Trade.ExpectedStock);
        client.RequestsSent.Should().Be(requests);
    }

    [Fact]
    public async Task Pages_that_overlap_because_1C_ignored_the_order_fail_with_a_readable_error_instead_of_wrong_sums()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);
        h.Service.VirtualTablePaging = VirtualTablePaging.OrderIgnored;

        var act = () => h.Client().GetBalanceAsync(Stock(), StockDimensions, default);

        var error = (await act.Should().ThrowAsync<ODataException>()).Which;
        error.Failure.Should().Be(ODataFailure.BadResponse);
        error.Text.Ru.Should().Contain("порядок строк между запросами не сохраняется");
        error.Resource.Should().StartWith("AccumulationRegister_ТоварыНаСкладах/Balance");
    }

    [Fact]
    public async Task Fake_returns_a_virtual_table_in_no_stable_order_without_orderby_so_naive_pages_overlap()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);
        var client = h.Client();
        var naive = new List<JsonObject>();
        for (var skip = 0; skip < h.Trade.ExpectedStock.Count; skip += 50)
        {
            naive.AddRange(await client.GetAsync(Stock() with { Top = 50, Skip = skip }, default));
        }

        var keys = naive.Select(r => ODataValues.Text(r, "Номенклатура_Key") + ODataValues.Text(r, "Характеристика_Key") + ODataValues.Text(r, "Склад_Key")).ToList();
        keys.Should().HaveCount(h.Trade.ExpectedStock.Count);
        keys.Distinct().Should().HaveCountLessThan(keys.Count, "a GROUP BY without ORDER BY comes back in any order: pages overlap");
    }

    [Fact]
    public async Task Dimensions_parameter_takes_dimension_names_and_refuses_output_field_names()
    {
        await using var h = await ODataHarness.StartAsync(counterparties: 5);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(h.Service.Login + ":" + h.Service.Password)));
        string Url(string dimension) => h.Service.BaseUri + "AccumulationRegister_" + Uri.EscapeDataString("ТоварыНаСкладах")
            + "/Balance(Dimensions='" + Uri.EscapeDataString(dimension) + "')?$format=json";

        var byName = await http.GetAsync(Url("Склад"));
        var byField = await http.GetAsync(Url("Склад_Key"));

        byName.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = JsonNode.Parse(await byName.Content.ReadAsStringAsync())!["value"]!.AsArray();
        rows.Should().HaveCount(h.Trade.WarehouseNames.Count);
        rows[0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["Склад_Key", "ВНаличииBalance", "КОтгрузкеBalance"]);
        byField.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await byField.Content.ReadAsStringAsync()).Should().Contain("Неизвестное измерение Склад_Key");
    }
}
