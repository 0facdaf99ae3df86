using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

/// <summary>
/// Every complete real document parses. Expected numbers were counted independently on the fixtures with
/// <c>grep -c</c> (e.g. <c>grep -c '&lt;Предложение&gt;'</c>, <c>grep -c '&lt;Остаток&gt;'</c>) and Python's ElementTree.
/// </summary>
public class FixtureDocumentTests
{
    [Theory]
    //          file                                  version products offers prices stocks docs groups props priceTypes warehouses
    [InlineData("bitrix-3.1/import.xml",              "3.1",  0,  0,   0,    0,   0, 1, 0,  8, 12)]
    [InlineData("bitrix-3.1/goods/import.xml",        "3.1",  21, 0,   0,    0,   0, 0, 0,  0, 0)]
    [InlineData("bitrix-3.1/goods/offers.xml",        "3.1",  0,  86,  0,    0,   0, 0, 0,  0, 0)]
    [InlineData("bitrix-3.1/goods/prices.xml",        "3.1",  0,  86,  86,   0,   0, 0, 0,  0, 0)]
    [InlineData("bitrix-3.1/goods/rests.xml",         "3.1",  0,  86,  0,    1032, 0, 0, 0, 0, 0)]
    [InlineData("bitrix-3.1/properties/import.xml",   "3.1",  0,  0,   0,    0,   0, 0, 25, 0, 0)]
    [InlineData("bitrix-3.1/properties/offers.xml",   "3.1",  0,  0,   0,    0,   0, 0, 12, 0, 0)]
    [InlineData("bitrix-3.1/documents/1.xml",         "3.1",  0,  0,   0,    0,   20, 0, 0, 0, 0)]
    [InlineData("bitrix-3.1/documents/2.xml",         "3.1",  0,  0,   0,    0,   4, 0, 0,  0, 0)]
    [InlineData("exchange1c-2.08/import.xml",         "2.08", 2,  0,   0,    0,   0, 5, 3,  0, 0)]
    [InlineData("exchange1c-2.08/offers.xml",         "2.08", 0,  2,   6,    0,   0, 0, 1,  3, 0)]
    [InlineData("exchange1c-2.08/classifier.xml",     null,   0,  0,   0,    0,   0, 5, 3,  0, 0)]
    [InlineData("off-doc-1c/import.xml",              "2.04", 4,  0,   0,    0,   0, 1, 0,  0, 0)]
    [InlineData("off-doc-1c/offers.xml",              "2.04", 0,  2,   8,    0,   0, 0, 0,  4, 0)]
    [InlineData("off-doc-1c/orders.xml",              "2.03", 0,  0,   0,    0,   3, 0, 0,  0, 0)]
    [InlineData("orders-2.08/orders.xml",             "2.08", 0,  0,   0,    0,   1, 0, 0,  0, 0)]
    [InlineData("ready-script/import.xml",            "2.05", 1,  0,   0,    0,   0, 4, 7,  0, 0)]
    [InlineData("ready-script/offers.xml",            "2.05", 0,  2,   2,    0,   0, 0, 0,  1, 0)]
    [InlineData("real-1c-ut101/import.xml",           "2.05", 0,  19,  0,    0,   0, 4, 7,  1, 0)]
    [InlineData("real-1c-ut101/offers.xml",           "2.05", 0,  103, 84,   0,   0, 0, 7,  1, 0)]
    [InlineData("umi-cms/import.xml",                 "2.04", 3,  0,   0,    0,   0, 1, 1,  0, 0)]
    [InlineData("umi-cms/offers.xml",                 "2.04", 0,  14,  70,   0,   0, 0, 0,  5, 0)]
    public void Fixture_parses_with_expected_counts(string file, string? version, int products, int offers, int prices, int warehouseStocks,
        int documents, int groups, int properties, int priceTypes, int warehouses)
    {
        var records = Fixture.Read(file);

        records.OfType<DocumentInfo>().Should().ContainSingle().Which.SchemaVersion.Should().Be(version);
        records.OfType<Product>().Should().HaveCount(products);
        records.OfType<Offer>().Should().HaveCount(offers);
        records.OfType<Offer>().Sum(o => o.Prices.Count).Should().Be(prices);
        records.OfType<Offer>().Sum(o => o.Stocks.Count).Should().Be(warehouseStocks);
        records.OfType<OrderDocument>().Should().HaveCount(documents);
        records.OfType<ProductGroup>().Should().HaveCount(groups);
        records.OfType<PropertyDefinition>().Should().HaveCount(properties);
        records.OfType<PriceType>().Should().HaveCount(priceTypes);
        records.OfType<Warehouse>().Should().HaveCount(warehouses);
    }
}
