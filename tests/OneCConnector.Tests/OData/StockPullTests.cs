using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.OData;

namespace WineB24.OneCConnector.Tests.OData;

public class StockPullTests
{
    private static async Task<Dictionary<(string, string), decimal>> StoredAsync(ODataRunHarness h)
    {
        await using var db = h.Db.CreateDbContext();
        return await db.Stocks.Where(s => s.MemberId == ODataRunHarness.Member && s.Quantity != 0)
            .ToDictionaryAsync(s => (s.OfferId, s.WarehouseId), s => s.Quantity);
    }

    [Theory]
    [InlineData(OneCConfiguration.Ut11)]
    [InlineData(OneCConfiguration.Unf)]
    public async Task Stock_per_offer_and_warehouse_is_stored_and_an_unchanged_balance_changes_nothing(OneCConfiguration configuration)
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 3);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(configuration: configuration), default);
        var runner = h.Runner();

        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Stock, default);

        (await StoredAsync(h)).Should().BeEquivalentTo(h.OneC.Trade.ExpectedStock);
        h.OneC.Trade.ExpectedStock.Keys.Should().Contain(k => k.Offer.Contains('#'), "vintages are product#characteristic offers");
        await using (var db = h.Db.CreateDbContext())
        {
            (await db.Warehouses.Where(w => w.MemberId == ODataRunHarness.Member).ToDictionaryAsync(w => w.Id, w => w.Name))
                .Should().BeEquivalentTo(h.OneC.Trade.WarehouseNames);
        }
        var first = (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single();
        first.Status.Should().Be(ExchangeJournal.Completed);
        first.Changes.Should().BeGreaterThan(100);

        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Stock, default);

        (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single().Changes.Should().Be(0);
    }

    [Fact]
    public async Task A_sold_out_offer_drops_to_zero_and_only_it_changes()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 3);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        var runner = h.Runner();
        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Stock, default);
        var ((offer, warehouse), quantity) = h.OneC.Trade.ExpectedStock.First(k => !k.Key.Offer.Contains('#'));

        h.OneC.Trade.GoodsInStock.Add(ODataHarness.AsOf.UtcDateTime.AddHours(-1), new JsonObject
        {
            ["Номенклатура_Key"] = offer, ["Характеристика_Key"] = "00000000-0000-0000-0000-000000000000",
            ["Назначение_Key"] = "00000000-0000-0000-0000-000000000000", ["Склад_Key"] = warehouse,
            ["Помещение_Key"] = "00000000-0000-0000-0000-000000000000", ["Серия_Key"] = "00000000-0000-0000-0000-000000000000",
            ["ВНаличии"] = -quantity, ["КОтгрузке"] = 0m,
        });
        await runner.RunAsync(ODataRunHarness.Member, ODataSyncKind.Stock, default);

        var expected = h.OneC.Trade.ExpectedStock.Where(kv => kv.Key != (offer, warehouse)).ToDictionary();
        (await StoredAsync(h)).Should().BeEquivalentTo(expected);
        (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single().Changes.Should().BeInRange(1, 2);
    }

    [Fact]
    public async Task A_portal_fed_by_CommerceML_is_skipped_and_accounting_has_no_stock_pull()
    {
        await using var h = await ODataRunHarness.StartAsync(counterparties: 3);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(configuration: OneCConfiguration.Bp30), default);

        await h.Runner().RunAsync(ODataRunHarness.Member, ODataSyncKind.Stock, default);
        var bp = (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single();
        bp.Status.Should().Be(ExchangeJournal.Failed);
        bp.Errors.Should().Contain("используйте обмен CommerceML");

        var catalog = await h.Journal.StartAsync(ODataRunHarness.Member, "s1", "catalog", default);
        await h.Journal.CompleteAsync(catalog, default);
        await h.Connections.SaveAsync(ODataRunHarness.Member, h.Settings(), default);
        await h.Runner().RunAsync(ODataRunHarness.Member, ODataSyncKind.Stock, default);

        h.OneC.Service.RequestCount.Should().Be(0);
        (await h.Journal.RecentAsync(ODataRunHarness.Member, 1, default)).Single().Files.Should().Contain("остатки приходят по CommerceML");
    }
}
