using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.Bench.OneCImport.Tests;

/// <summary>
/// The benchmark with a fifth of the products offered as 1C characteristics (<c>P#C</c>, 3 each): the identical
/// exchange still costs nothing, and a change to a variant's price or stock is exactly one write on its variation.
/// </summary>
public class VariantRunTests
{
    [Fact]
    public async Task Variant_offers_become_variations_and_their_changes_are_written_once_each()
    {
        var options = new BenchOptions(Skus: 300, Warehouses: 3, PriceTypes: 3, Scale: 20, ChangeFraction: 0.05) { VariantFraction = 0.2, VariantsEach = 3 };
        await using var bench = await ImportBench.StartAsync(options);

        var report = await CatalogueBenchRun.RunAsync(bench, options);

        report.First.Failures.Should().BeEmpty();
        report.VariantOffers.Should().Be(60 * 3);
        report.Identical.Writes.Should().Be(0);
        report.Identical.Requests.Should().Be(0, "nothing changed, so nothing is even read");
        report.Changed.Writes.Should().Be(report.ExpectedChangedWrites);
        new[] { report.First, report.Identical, report.Changed }.Should().OnlyContain(p => p.Succeeded && p.Rejected503 == 0 && p.Rejected429 == 0);
        report.Holds.Should().BeTrue();
        // The span is sampled (50 ms): a small push can start and end inside one sample, so only "nothing at all" is exact.
        report.Activities[1].Span.Should().Be(TimeSpan.Zero, "the identical exchange sends nothing");
        report.Activities[0].RequestsBeforeExchangeEnd.Should().BeInRange(0, report.First.Requests);

        // The same deterministic catalogue and change the run used: the portal must show the changed values.
        var model = CatalogueGenerator.Create(300, 3, 3, variantFraction: 0.2, variantsEach: 3);
        var (changed, _, _, changedIds) = CatalogueGenerator.ChangeFraction(model, 0.05);
        changed.Products.Where(p => p.Variants.Count > 0).Select(p => p.Id).Intersect(changedIds).Should().NotBeEmpty("the change covers variants too");
        var catalog = bench.Portal.Catalog;
        catalog.ProductCount.Should().Be(300 + 180, "the emulator keeps products and variations (iblock 25) in one element store");
        var variations = catalog.AllVariations().ToDictionary(v => (string)v["xmlId"]!);
        variations.Should().HaveCount(180);
        var prices = catalog.AllPrices().ToLookup(p => (int)p["productId"]!);
        foreach (var product in changed.Products)
        {
            var parent = catalog.FindProductByXmlId(product.Id)!;
            if (product.Variants.Count == 0)
            {
                ((int)parent["type"]!).Should().Be(1);
                ShouldCarry(parent, prices, product.Prices, product.Stock);
                continue;
            }
            ((int)parent["type"]!).Should().Be(3, "a product with variations");
            prices[(int)parent["id"]!].Should().BeEmpty("prices are on the variations");
            foreach (var variant in product.Variants)
            {
                var variation = variations[variant.Id];
                ((string)variation["parentId"]!["value"]!).Should().Be(((int)parent["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
                ((string)variation["name"]!).Should().Be($"{product.Name} {string.Join(", ", variant.Characteristics.Select(c => c.Value))}");
                ShouldCarry(variation, prices, variant.Prices, variant.Stock);
            }
        }
    }

    /// <summary>Retail → BASE (1), the two others → the bench's mapped types, in the order the bench added them.</summary>
    private static void ShouldCarry(JsonObject record, ILookup<int, JsonObject> prices, decimal[] expectedPrices, decimal[] stock)
    {
        ((double)record["quantity"]!).Should().Be((double)stock.Sum());
        prices[(int)record["id"]!].OrderBy(p => (int)p["catalogGroupId"]!).Select(p => (decimal)(double)p["price"]!)
            .Should().Equal(expectedPrices);
    }
}
