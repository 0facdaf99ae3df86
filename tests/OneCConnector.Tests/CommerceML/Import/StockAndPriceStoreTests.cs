using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Import;

public class StockAndPriceStoreTests
{
    private const string Member = "m-1";

    private static ImportBatch Batch(string xml, string member = Member)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        IEnumerable<CommerceMLRecord> Records() => CommerceMLReader.Read(new MemoryStream(bytes));
        return new ImportBatch(member, "s", "offers.xml", ImportCounts.Empty, Records);
    }

    private static string Package(string body, bool changes = false) => changes
        ? $"<КоммерческаяИнформация><ИзмененияПакетаПредложений><Предложения>{body}</Предложения></ИзмененияПакетаПредложений></КоммерческаяИнформация>"
        : $"<КоммерческаяИнформация><ПакетПредложений><Предложения>{body}</Предложения></ПакетПредложений></КоммерческаяИнформация>";

    [Fact]
    public async Task A_full_offer_replaces_its_warehouses_while_a_2_09_delta_only_updates_the_named_ones()
    {
        using var database = new TestDatabase();
        var store = new StockAndPriceStore(database, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var first = await store.ApplyAsync(Batch(Package("<Предложение><Ид>w#1</Ид><Склад ИдСклада=\"a\" КоличествоНаСкладе=\"5\"/><Склад ИдСклада=\"b\" КоличествоНаСкладе=\"7\"/></Предложение>")), default);
        var delta = await store.ApplyAsync(Batch(Package("<Предложение><Ид>w#1</Ид><Склады ИдСклада=\"a\" КоличествоНаСкладе=\"4\"/></Предложение>", changes: true)), default);
        var afterDelta = Stock(database);
        var full = await store.ApplyAsync(Batch(Package("<Предложение><Ид>w#1</Ид><Склад ИдСклада=\"a\" КоличествоНаСкладе=\"4\"/></Предложение>")), default);

        first.Should().Be(2);
        delta.Should().Be(1);
        afterDelta.Should().BeEquivalentTo(new[] { ("a", 4m), ("b", 7m) });
        full.Should().Be(1, "warehouse b is gone from the full offer");
        Stock(database).Should().BeEquivalentTo(new[] { ("a", 4m) });
    }

    [Fact]
    public async Task Deleted_offer_removes_its_rows_and_other_portals_are_untouched()
    {
        using var database = new TestDatabase();
        var store = new StockAndPriceStore(database, new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var offer = "<Предложение><Ид>w</Ид><Цены><Цена><ИдТипаЦены>r</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены><Количество>3</Количество></Предложение>";
        await store.ApplyAsync(Batch(Package(offer)), default);
        await store.ApplyAsync(Batch(Package(offer), member: "m-2"), default);

        var changes = await store.ApplyAsync(Batch(Package("<Предложение Статус=\"Удален\"><Ид>w</Ид></Предложение>")), default);

        changes.Should().Be(2);
        using var db = database.CreateDbContext();
        db.Stocks.Select(s => s.MemberId).Should().Equal("m-2");
        db.Prices.Select(s => s.MemberId).Should().Equal("m-2");
        db.Stocks.Single().WarehouseId.Should().BeEmpty("a plain Количество is stored as the total under an empty warehouse id");
    }

    [Fact]
    public async Task Portal_data_cleaner_removes_only_that_portals_rows_and_uploads()
    {
        using var database = new TestDatabase();
        var store = new StockAndPriceStore(database, new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var offer = "<Предложение><Ид>w</Ид><Цены><Цена><ИдТипаЦены>r</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены><Количество>3</Количество></Предложение>";
        await store.ApplyAsync(Batch(Package(offer)), default);
        await store.ApplyAsync(Batch(Package(offer), member: "m-2"), default);
        var uploads = new UploadStore(Options.Create(new OneCExchangeOptions { ExchangeRoot = Path.Combine(database.Directory, "1c") }));
        uploads.Reset(Member, "s1");
        uploads.Reset("m-2", "s1");

        await new OneCPortalDataCleaner(database, uploads).DeletePortalDataAsync(Member, default);

        using var db = database.CreateDbContext();
        db.Stocks.Select(s => s.MemberId).Should().Equal("m-2");
        db.Prices.Select(s => s.MemberId).Should().Equal("m-2");
        Directory.Exists(uploads.PortalDirectory(Member)).Should().BeFalse();
        Directory.Exists(uploads.PortalDirectory("m-2")).Should().BeTrue();
    }

    private static List<(string, decimal)> Stock(TestDatabase database)
    {
        using var db = database.CreateDbContext();
        return db.Stocks.AsEnumerable().Select(s => (s.WarehouseId, s.Quantity)).ToList();
    }
}

public class StockAndPriceAtScaleTests
{
    [Fact]
    public async Task Two_thousand_offers_across_flush_batches_store_once_and_resend_changes_nothing_then_query_reads_them()
    {
        using var database = new TestDatabase();
        var store = new StockAndPriceStore(database, new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var sb = new StringBuilder("<КоммерческаяИнформация><ПакетПредложений><ТипыЦен><ТипЦены><Ид>r</Ид><Наименование>Розница</Наименование></ТипЦены></ТипыЦен><Склады>");
        for (var w = 0; w < 10; w++)
        {
            sb.Append($"<Склад><Ид>wh{w}</Ид><Наименование>Склад {w}</Наименование></Склад>");
        }
        sb.Append("</Склады><Предложения>");
        for (var i = 0; i < 2000; i++)
        {
            sb.Append($"<Предложение><Ид>p{i / 2}#c{i % 2}</Ид><Цены><Цена><ИдТипаЦены>r</ИдТипаЦены><ЦенаЗаЕдиницу>{i}.5</ЦенаЗаЕдиницу></Цена></Цены>");
            for (var w = 0; w < 10; w++)
            {
                sb.Append($"<Склад ИдСклада=\"wh{w}\" КоличествоНаСкладе=\"{(i + w) % 4}\"/>");
            }
            sb.Append("</Предложение>");
        }
        sb.Append("</Предложения></ПакетПредложений></КоммерческаяИнформация>");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        ImportBatch Batch() => new("m", "s", "offers.xml", ImportCounts.Empty, () => CommerceMLReader.Read(new MemoryStream(bytes)));

        var first = await store.ApplyAsync(Batch(), default);
        var second = await store.ApplyAsync(Batch(), default);
        var product = await new StockAndPriceQuery(database).ForProductAsync("m", "p7", default);

        first.Should().Be(1 + 10 + 2000 * 10 + 2000);
        second.Should().Be(0);
        product.Select(o => o.OfferId).Should().Equal("p7#c0", "p7#c1");
        product[0].Prices.Single().Should().Be(new PriceByType("r", "Розница", 14.5m, null, null));
        product[0].Stock.Should().HaveCount(10);
        product[0].Stock[3].Should().Be(new WarehouseQuantity("wh3", "Склад 3", (14 + 3) % 4));
        product[0].TotalQuantity.Should().Be(Enumerable.Range(0, 10).Sum(w => (14 + w) % 4));
    }
}
