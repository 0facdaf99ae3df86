using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>
/// 1C variant offers (<c>product#characteristic</c>) become Bitrix24 variations of their product (catalog.product.offer.*,
/// offers iblock 25), with their own prices and quantity; the product becomes a parent (type 3).
/// </summary>
[Collection(CatalogueCollection.Name)]
public sealed class VariationExchangeTests
{
    private static async Task SessionAsync(CatalogueHarness h, IReadOnlyList<ExchangeFile> files, bool complete = false)
    {
        h.Host.Time.Advance(TimeSpan.FromMinutes(10));
        using var client = h.NewClient();
        var run = await CatalogExchange.RunCatalogAsync(client, files, useZipWhenOffered: false);
        run.Succeeded.Should().BeTrue(string.Join("; ", run.Failures));
        if (complete)
        {
            (await client.GetAsync("type=catalog&mode=complete")).IsSuccess.Should().BeTrue();
        }
    }

    private static JsonObject Product(CatalogueHarness h, string xmlId) =>
        h.Portal.Catalog.FindProductByXmlId(xmlId) ?? throw new InvalidOperationException($"{xmlId} is not in the portal");

    private static List<JsonObject> PricesOf(CatalogueHarness h, JsonObject record) =>
        h.Portal.Catalog.AllPrices().Where(p => (int)p["productId"]! == (int)record["id"]!).OrderBy(p => (int)p["catalogGroupId"]!).ToList();

    /// <summary>What every test checks after the first exchange: two variations under a type-3 parent, a simple product beside them.</summary>
    private static void ShouldHaveTheWineVariations(CatalogueHarness h, IReadOnlyList<VariantOffer> offers)
    {
        var parent = Product(h, VariantDocuments.Chablis);
        ((int)parent["type"]!).Should().Be(3, "a product with variations");
        ((string)parent["name"]!).Should().Be("Шабли Премье Крю");
        parent["quantity"].Should().BeNull("a parent's stock is its variations'");
        PricesOf(h, parent).Should().BeEmpty("prices are on the variations");

        var variations = h.Portal.Catalog.AllVariations();
        variations.Should().HaveCount(2);
        foreach (var offer in offers.Where(o => o.Values.Length > 0))
        {
            var variation = variations.Single(v => (string?)v["xmlId"] == offer.Id);
            ((int)variation["iblockId"]!).Should().Be(25);
            ((int)variation["type"]!).Should().Be(4);
            ((string)variation["parentId"]!["value"]!).Should().Be(((int)parent["id"]!).ToString());
            ((string)variation["name"]!).Should().Be($"Шабли Премье Крю {string.Join(", ", offer.Values)}");
            ((double)variation["quantity"]!).Should().Be((double)offer.Stock.Sum(s => s.Quantity));
            PricesOf(h, variation).Select(p => (double)p["price"]!).Should().Equal((double)offer.Retail, (double)offer.Wholesale);
        }
        variations.Select(v => (string)v["name"]!).Should().Contain("Шабли Премье Крю 2019, 1,5 л");

        var simple = Product(h, VariantDocuments.Rioja);
        ((int)simple["type"]!).Should().Be(1);
        ((double)simple["quantity"]!).Should().Be(5);
        PricesOf(h, simple).Select(p => (double)p["price"]!).Should().Equal(2100, 1700);
    }

    [Theory]
    [InlineData("2.05")]
    [InlineData("2.08")]
    public async Task A_2x_exchange_turns_variant_offers_into_variations_with_their_own_prices_and_quantity(string version)
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();

        await SessionAsync(h, [VariantDocuments.Import2(version), VariantDocuments.Offers2(offers, version)]);
        await h.WaitForPushAsync();

        ShouldHaveTheWineVariations(h, offers);
        await using var db = h.Host.Db();
        var parentQuantity = await db.CatalogueItems.SingleAsync(x => x.Kind == CatalogueKinds.Quantity && x.Key == VariantDocuments.Chablis);
        parentQuantity.LastError.Should().Be(CatalogueCommands.ParentQuantityKept);
        (await db.Stocks.CountAsync(s => s.ProductId == VariantDocuments.Chablis)).Should().Be(4, "our per-warehouse rows stay as they were");
    }

    [Fact]
    public async Task A_3x_split_exchange_brings_names_prices_and_rests_to_the_same_variations()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();

        await SessionAsync(h, VariantDocuments.Split3(offers), complete: true);
        await h.WaitForPushAsync();

        ShouldHaveTheWineVariations(h, offers);
    }

    [Fact]
    public async Task Re_sending_writes_nothing_and_one_changed_price_or_stock_writes_exactly_one_call()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();
        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)]);
        await h.WaitForPushAsync();
        var writes = h.Writes;
        var requests = h.Portal.Stats.Requests;

        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)]);
        await h.WaitForPushAsync();
        h.Writes.Should().Be(writes, "an identical exchange changes nothing in Bitrix24");
        h.Portal.Stats.Requests.Should().Be(requests, "nothing pending means not even a lookup");

        var priceUpdates = h.Portal.Stats.Calls("catalog.price.update");
        var repriced = offers.Select((o, i) => i == 0 ? o with { Retail = 9900m } : o).ToArray();
        await SessionAsync(h, [VariantDocuments.Offers2(repriced, onlyChanges: true)]);
        await h.WaitForPushAsync();
        (h.Writes - writes).Should().Be(1);
        (h.Portal.Stats.Calls("catalog.price.update") - priceUpdates).Should().Be(1);
        ((double)PricesOf(h, Product(h, offers[0].Id))[0]["price"]!).Should().Be(9900);

        var offerUpdates = h.Portal.Stats.Calls("catalog.product.offer.update");
        var restocked = repriced.Select((o, i) => i == 1 ? o with { Stock = [("msk", 11), ("spb", 2)] } : o).ToArray();
        await SessionAsync(h, [VariantDocuments.Offers2(restocked, onlyChanges: true)]);
        await h.WaitForPushAsync();
        (h.Writes - writes).Should().Be(2, "the variation's quantity, nothing on its parent");
        (h.Portal.Stats.Calls("catalog.product.offer.update") - offerUpdates).Should().Be(1);
        ((double)Product(h, offers[1].Id)["quantity"]!).Should().Be(13);
    }

    [Fact]
    public async Task A_renamed_parent_is_updated_as_a_parent_and_its_variations_take_the_new_name()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();
        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)]);
        await h.WaitForPushAsync();
        var skuUpdates = h.Portal.Stats.Calls("catalog.product.sku.update");
        var productUpdates = h.Portal.Stats.Calls("catalog.product.update");

        var renamed = System.Text.Encoding.UTF8.GetString(ReadAll(VariantDocuments.Import2())).Replace(">Шабли Премье Крю<", ">Шабли Гран Крю<");
        await SessionAsync(h, [ExchangeFile.FromBytes("import.xml", System.Text.Encoding.UTF8.GetBytes(renamed)), VariantDocuments.Offers2(offers)]);
        await h.WaitForPushAsync();

        (h.Portal.Stats.Calls("catalog.product.sku.update") - skuUpdates).Should().Be(1, "a type-3 product is written through catalog.product.sku.*");
        h.Portal.Stats.Calls("catalog.product.update").Should().Be(productUpdates);
        ((string)Product(h, VariantDocuments.Chablis)["name"]!).Should().Be("Шабли Гран Крю");
        h.Portal.Catalog.AllVariations().Select(v => (string)v["name"]!).Should().BeEquivalentTo(["Шабли Гран Крю 2019, 1,5 л", "Шабли Гран Крю 2020, 0,75 л"]);
    }

    [Fact]
    public async Task Variations_created_but_not_linked_before_a_crash_are_found_by_xml_id_not_created_twice()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();
        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)]);
        await h.WaitForPushAsync();
        await h.StopBackgroundPushAsync();
        var adds = h.Portal.Stats.Calls("catalog.product.offer.add");
        var priceAdds = h.Portal.Stats.Calls("catalog.price.add");

        await using (var db = h.Host.Db())
        {
            await db.CatalogueItems.Where(x => x.MemberId == ExchangeHost.MemberId && (x.Kind == CatalogueKinds.Variation || x.Kind == CatalogueKinds.Price))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.BitrixId, (long?)null).SetProperty(x => x.PushedHash, (string?)null));
        }
        var report = await h.PushNowAsync();

        report.Linked.Should().Be(2 + 6, "two variations and the six prices (two per offer)");
        report.Created.Should().Be(0);
        h.Portal.Stats.Calls("catalog.product.offer.add").Should().Be(adds);
        h.Portal.Stats.Calls("catalog.price.add").Should().Be(priceAdds);
        h.Portal.Catalog.AllVariations().Select(v => (string?)v["xmlId"]).Should().OnlyHaveUniqueItems().And.HaveCount(2);
        (await h.Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Answers_lost_after_the_portal_ran_a_batch_never_duplicate_parents_variations_or_their_prices()
    {
        await using var h = await CatalogueHarness.StartAsync();
        // 30 % of batches run on the portal and then lose their answer: adds are not resent (CallKind.Create), so runs stop
        // with created-but-unlinked parents, variations and prices, as after a crash.
        h.Portal.Faults.Add(new WineB24.PortalEmulator.Faults.FaultRule(WineB24.PortalEmulator.Faults.FaultKind.DropAfterExecuting, Probability: 0.3, Method: "batch"));
        var (import, offersFile, variants) = VariantDocuments.Many(products: 40, variantsEach: 3);
        await SessionAsync(h, [import, offersFile]);
        await h.StopBackgroundPushAsync(); // this test plays the restarted worker itself

        var failedRuns = await h.PushThroughFailuresAsync(maxRuns: 60);
        h.Portal.Faults.Clear();
        await h.PushNowAsync();

        (await h.Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None)).Should().Be(0);
        failedRuns.Should().BeGreaterThan(0, "the faults must have interrupted some runs for this test to mean anything");
        var catalog = h.Portal.Catalog;
        catalog.AllProducts().Where(p => (int)p["iblockId"]! == 23).Select(p => (string?)p["xmlId"]).Should().OnlyHaveUniqueItems().And.HaveCount(40);
        catalog.AllVariations().Select(v => (string?)v["xmlId"]).Should().OnlyHaveUniqueItems().And.HaveCount(120);
        catalog.PriceCount.Should().Be(240);
        foreach (var offer in variants.Where((_, i) => i % 17 == 0))
        {
            var variation = Product(h, offer.Id);
            ((double)variation["quantity"]!).Should().Be((double)offer.Stock.Sum(s => s.Quantity));
            ((string)variation["parentId"]!["value"]!).Should().Be(((int)Product(h, offer.Id[..offer.Id.IndexOf('#')])["id"]!).ToString());
            PricesOf(h, variation).Select(p => (double)p["price"]!).Should().Equal((double)offer.Retail, (double)offer.Wholesale);
        }
        catalog.AllProducts().Where(p => (int)p["iblockId"]! == 23).Should().OnlyContain(p => (int)p["type"]! == 3);
    }

    [Fact]
    public async Task A_full_offers_package_deactivates_the_variations_it_no_longer_lists_and_a_deleted_offer_is_inactive()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();
        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)], complete: true);
        await h.WaitForPushAsync();

        // 1C stopped selling the 2020 bottle: the next full offers package leaves it out.
        await SessionAsync(h, [VariantDocuments.Offers2([offers[0], offers[2]])], complete: true);
        await h.PushNowAsync();
        await h.WaitForPushAsync();
        ((string)Product(h, offers[1].Id)["active"]!).Should().Be("N");
        ((string)Product(h, offers[0].Id)["active"]!).Should().Be("Y");

        // A changes-only package never deactivates; a deleted offer is inactive.
        await SessionAsync(h, [VariantDocuments.Offers2([offers[0] with { Deleted = true }], onlyChanges: true)], complete: true);
        await h.PushNowAsync();
        await h.WaitForPushAsync();
        ((string)Product(h, offers[0].Id)["active"]!).Should().Be("N");
        ((string)Product(h, VariantDocuments.Rioja)["active"]!).Should().Be("Y");

        // Listed again: active again.
        await SessionAsync(h, [VariantDocuments.Offers2(offers)], complete: true);
        await h.PushNowAsync();
        await h.WaitForPushAsync();
        h.Portal.Catalog.AllVariations().Should().OnlyContain(v => (string?)v["active"] == "Y");
    }

    [Fact]
    public async Task A_full_catalogue_that_drops_the_product_deactivates_its_variations_too()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();
        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)], complete: true);
        await h.WaitForPushAsync();

        var withoutChablis = System.Text.Encoding.UTF8.GetString(ReadAll(VariantDocuments.Import2()))
            .Replace($"<Товар><Ид>{VariantDocuments.Chablis}</Ид><Наименование>Шабли Премье Крю</Наименование><Группы><Ид>g-white</Ид></Группы></Товар>", "");
        await SessionAsync(h, [ExchangeFile.FromBytes("import.xml", System.Text.Encoding.UTF8.GetBytes(withoutChablis))], complete: true);
        await h.PushNowAsync();
        await h.WaitForPushAsync();

        ((string)Product(h, VariantDocuments.Chablis)["active"]!).Should().Be("N");
        h.Portal.Catalog.AllVariations().Should().OnlyContain(v => (string?)v["active"] == "N");
        ((string)Product(h, VariantDocuments.Rioja)["active"]!).Should().Be("Y");
    }

    [Fact]
    public async Task With_inventory_management_on_variation_quantities_stay_in_our_database_and_prices_still_go()
    {
        await using var h = await CatalogueHarness.StartAsync();
        h.Portal.Catalog.InventoryManagement = true;
        var offers = VariantDocuments.Offers();

        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2(offers)]);
        await h.WaitForPushAsync();

        h.Portal.Stats.Calls("catalog.product.offer.update").Should().Be(0);
        h.Portal.Catalog.AllVariations().Should().OnlyContain(v => (double)v["quantity"]! == 0);
        h.Portal.Catalog.PriceCount.Should().Be(6);
        await using var db = h.Host.Db();
        (await db.Stocks.Where(s => s.OfferId == offers[1].Id).SumAsync(s => (double)s.Quantity)).Should().Be(12);
    }

    [Fact]
    public async Task A_variation_Bitrix24_refuses_is_in_the_exchange_journal()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var offers = VariantDocuments.Offers();
        await SessionAsync(h, [VariantDocuments.Import2(), VariantDocuments.Offers2([offers[2]])]);
        await h.WaitForPushAsync();

        // Someone deleted the product in Bitrix24; 1C now sends variants of it, whose parent is gone.
        var client = h.Host.App.Services.GetRequiredService<WineB24.Bitrix24Client.Calls.IBitrix24ClientFactory>().ForPortal(ExchangeHost.MemberId);
        await client.CallAsync("catalog.product.delete", new { id = (int)Product(h, VariantDocuments.Chablis)["id"]! },
            WineB24.Bitrix24Client.Calls.CallKind.IdempotentWrite);
        await SessionAsync(h, [VariantDocuments.Offers2(offers)]);

        var journal = h.Host.App.Services.GetRequiredService<ExchangeJournal>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        WineB24.OneCConnector.Storage.ExchangeJournalRecord? row = null;
        while (row is null && DateTime.UtcNow < deadline)
        {
            row = (await journal.RecentAsync(ExchangeHost.MemberId, 10, default)).FirstOrDefault(j => j.ExchangeType == CataloguePusher.JournalType);
            await Task.Delay(100);
        }
        row.Should().NotBeNull("the refused variations are journaled");
        row!.Status.Should().Be(ExchangeJournal.Failed);
        row.Errors!.Split('\n').Where(e => e.StartsWith("variation ")).Should().HaveCount(2).And.OnlyContain(e => e.Contains("Parent product"));
        h.Portal.Catalog.AllVariations().Should().BeEmpty();
    }

    private static byte[] ReadAll(ExchangeFile file)
    {
        using var stream = file.Open();
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }
}
