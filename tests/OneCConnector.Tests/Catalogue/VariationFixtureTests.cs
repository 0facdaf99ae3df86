using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>
/// The real CommerceML files among the shared fixtures that carry <c>product#characteristic</c> offers, sent by the
/// scripted 1C client and pushed: every variant whose product is in the catalogue becomes a variation of it (with the
/// retail price where 1C gave one); a variant whose product 1C never described waits for it, nothing is invented.
/// </summary>
[Collection(CatalogueCollection.Name)]
public sealed class VariationFixtureTests
{
    public static TheoryData<string, string[]> Sets() => new()
    {
        { "off-doc-1c", ["import.xml=off-doc-1c/import.xml", "offers.xml=off-doc-1c/offers.xml"] },
        { "exchange1c-2.08", ["import.xml=exchange1c-2.08/import.xml", "offers.xml=exchange1c-2.08/offers.xml"] },
        { "ready-script", ["import.xml=ready-script/import.xml", "offers.xml=ready-script/offers.xml"] },
        { "real-1c-ut101", ["import.xml=real-1c-ut101/import.xml", "offers.xml=real-1c-ut101/offers.xml"] },
        {
            "bitrix-3.1",
            [
                "import___0.xml=bitrix-3.1/import.xml", "000000001/properties/1/import___p.xml=bitrix-3.1/properties/import.xml",
                "000000001/properties/1/offers___p.xml=bitrix-3.1/properties/offers.xml", "000000001/goods/1/import___g.xml=bitrix-3.1/goods/import.xml",
                "000000001/goods/1/offers___g.xml=bitrix-3.1/goods/offers.xml", "000000001/goods/1/prices___g.xml=bitrix-3.1/goods/prices.xml",
                "000000001/goods/1/rests___g.xml=bitrix-3.1/goods/rests.xml",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Fixture_variant_offers_become_variations_of_their_products(string set, string[] files)
    {
        await using var h = await CatalogueHarness.StartAsync(mapPriceTypes: false); // Розничная → BASE
        var exchange = files.Select(f => f.Split('=')).Select(p => ExchangeFile.FromPath(p[0], Fixture.PathOf(p[1]))).ToList();
        using (var client = h.NewClient())
        {
            var run = await CatalogExchange.RunCatalogAsync(client, exchange, useZipWhenOffered: false);
            run.Succeeded.Should().BeTrue($"{set}: {string.Join("; ", run.Failures)}");
        }
        await SettleAsync(h);

        var records = files.Select(f => f.Split('=')[1]).SelectMany(Fixture.Read).ToList();
        var retail = records.OfType<PriceType>().Where(t => t.Name.Trim() == "Розничная").Select(t => t.Id.Value).ToHashSet();
        // A variant 1C deleted (in any file) is never created; one the catalogue lists as a Товар of its own is that product.
        var products = records.OfType<Product>().Select(p => p.Id.Value).ToHashSet();
        var variants = records.OfType<Offer>().Where(o => o.Id.IsVariant).GroupBy(o => o.Id.Value)
            .Where(g => !g.Any(o => o.IsDeleted)).Select(g => g.First()).ToList();
        variants.Should().NotBeEmpty($"{set} has # offers");
        var portal = h.Portal.Catalog;
        var created = 0;
        await using var db = h.Host.Db();
        foreach (var offer in variants)
        {
            if (products.Contains(offer.Id.Value))
            {
                var own = portal.FindProductByXmlId(offer.Id.Value);
                own.Should().NotBeNull($"{offer.Id.Value} is a Товар of the catalogue");
                ((int)own!["iblockId"]!).Should().Be(23);
                ((int)own["type"]!).Should().Be(1);
                if (offer.Prices.FirstOrDefault(p => retail.Contains(p.PriceTypeId)) is { } ownPrice)
                {
                    portal.AllPrices().Single(p => (int)p["productId"]! == (int)own["id"]! && (int)p["catalogGroupId"]! == 1)["price"]!
                        .GetValue<double>().Should().Be((double)ownPrice.PricePerUnit);
                }
                continue;
            }
            var parent = portal.FindProductByXmlId(offer.Id.ProductId);
            var variation = portal.FindProductByXmlId(offer.Id.Value);
            if (parent is null)
            {
                variation.Should().BeNull($"{offer.Id.Value}: its product is not in the catalogue");
                (await db.CatalogueItems.SingleAsync(x => x.Kind == CatalogueKinds.Variation && x.Key == offer.Id.Value)).LastError
                    .Should().Be("товар-родитель ещё не создан");
                continue;
            }
            created++;
            var row = await db.CatalogueItems.AsNoTracking().SingleOrDefaultAsync(x => x.Kind == CatalogueKinds.Variation && x.Key == offer.Id.Value);
            variation.Should().NotBeNull($"{offer.Id.Value} is a variant of a product in the catalogue ({row?.LastError}, {row?.Desired})");
            ((int)variation!["type"]!).Should().Be(4);
            ((int)variation["iblockId"]!).Should().Be(25);
            ((string)variation["parentId"]!["value"]!).Should().Be(((int)parent["id"]!).ToString());
            ((int)parent["type"]!).Should().Be(3);
            ((string)variation["name"]!).Should().NotBeNullOrWhiteSpace();
            if (offer.Prices.FirstOrDefault(p => retail.Contains(p.PriceTypeId)) is { } price)
            {
                portal.AllPrices().Single(p => (int)p["productId"]! == (int)variation["id"]! && (int)p["catalogGroupId"]! == 1)["price"]!
                    .GetValue<double>().Should().Be((double)price.PricePerUnit);
            }
        }
        portal.AllVariations().Should().HaveCount(created);
        if (set is "exchange1c-2.08" or "ready-script" or "bitrix-3.1")
        {
            created.Should().BeGreaterThan(0, "these sets describe the products of their variants");
        }
    }

    /// <summary>Pushes until nothing more moves (rows waiting for a product 1C never sent stay pending).</summary>
    private static async Task SettleAsync(CatalogueHarness h)
    {
        await h.StopBackgroundPushAsync();
        var pending = -1;
        for (var i = 0; i < 10; i++)
        {
            await h.PushNowAsync();
            var now = await h.Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None);
            if (now == pending || now == 0)
            {
                return;
            }
            pending = now;
        }
    }
}
