using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;
using WineB24.PortalEmulator.Faults;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>
/// The scripted 1C client against the real endpoint, the catalogue pushed to an emulated portal. Not run in parallel
/// with other classes: it allocates enough to disturb the process-wide memory measurement of the streaming tests.
/// </summary>
[Collection(CatalogueCollection.Name)]
public sealed class CatalogueExchangeTests
{
    private static double Prop(JsonObject product, IReadOnlyDictionary<string, int> props, string code) =>
        double.Parse((string)product["property" + props[code]]!["value"]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Chunked_exchange_creates_sections_properties_stores_products_prices_and_total_quantity()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 120, warehouses: 10, priceTypes: 3, seed: 11);

        var run = await h.ExchangeAsync(model, zip: false);

        run.Succeeded.Should().BeTrue(string.Join("; ", run.Failures));
        run.Requests.Should().BeGreaterThan(2 + 2 + 2, "import0_1.xml is larger than file_limit (64 KiB) and goes in several POSTs");
        await h.WaitForPushAsync();

        var catalog = h.Portal.Catalog;
        catalog.AllSections().Select(s => (string?)s["xmlId"]).Should().BeEquivalentTo(model.Groups.Select(g => g.Id));
        catalog.AllStores().Select(s => (string?)s["xmlId"]).Should().BeEquivalentTo(model.Warehouses.Select(w => w.Id));
        var props = catalog.AllProperties().ToDictionary(p => (string)p["code"]!, p => (int)p["id"]!);
        props.Keys.Should().Contain(["WINE_COLOR", "WINE_GRAPE", "WINE_COUNTRY", "WINE_REGION", "WINE_VINTAGE", "WINE_VOLUME", "WINE_STRENGTH"]);

        var products = catalog.AllProducts();
        products.Should().HaveCount(120);
        var sections = catalog.AllSections().ToDictionary(s => (int)s["id"]!, s => (string)s["xmlId"]!);
        var colourProperty = model.Properties.Single(p => p.Name == "Цвет");
        var enums = catalog.AllPropertyEnums().ToDictionary(e => (int)e["id"]!, e => (string)e["value"]!);
        catalog.AllProperties().Single(p => (string?)p["code"] == "WINE_COLOR")["propertyType"]!.GetValue<string>().Should().Be("L");
        catalog.AllProperties().Single(p => (string?)p["code"] == "WINE_VOLUME")["propertyType"]!.GetValue<string>().Should().Be("N");
        var volumeProperty = model.Properties.Single(p => p.Name == "Объем");
        foreach (var spec in model.Products.Take(20))
        {
            var product = products.Single(p => (string?)p["xmlId"] == spec.Id);
            ((string)product["name"]!).Should().Be(spec.Name);
            sections[(int)product["iblockSectionId"]!].Should().Be(spec.GroupId);
            var colourText = colourProperty.Options.Single(o => o.Id == spec.Values[colourProperty.Id]).Text;
            var colourEnum = int.Parse((string)product["property" + props["WINE_COLOR"]]!["value"]!, CultureInfo.InvariantCulture);
            enums[colourEnum].Should().Be(colourText, "a Справочник value is the list property's enum value with the option's text");
            Prop(product, props, "WINE_VOLUME").Should().Be(double.Parse(spec.Values[volumeProperty.Id].Replace(',', '.'), CultureInfo.InvariantCulture));
            ((double)product["quantity"]!).Should().Be((double)spec.Stock.Sum());
            var prices = catalog.AllPrices().Where(p => (int)p["productId"]! == (int)product["id"]!).OrderBy(p => (int)p["catalogGroupId"]!).ToList();
            prices.Select(p => (double)p["price"]!).Should().Equal(spec.Prices.Select(x => (double)x));
            prices.Should().OnlyContain(p => (string?)p["currency"] == "RUB");
        }
        catalog.PriceCount.Should().Be(360);
    }

    [Fact]
    public async Task Re_sending_the_same_exchange_zipped_writes_nothing_and_one_percent_change_writes_exactly_the_changes()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 200, warehouses: 10, priceTypes: 3, seed: 12);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        var afterFirst = h.Writes;
        var requestsAfterFirst = h.Portal.Stats.Requests;

        var again = await h.ExchangeAsync(model, zip: true);

        again.Zipped.Should().BeTrue();
        again.Succeeded.Should().BeTrue(string.Join("; ", again.Failures));
        await h.WaitForPushAsync();
        h.Writes.Should().Be(afterFirst, "an identical exchange changes nothing in Bitrix24");
        h.Portal.Stats.Requests.Should().Be(requestsAfterFirst, "nothing pending means not even a lookup");

        var (changed, priceChanges, stockChanges, _) = CatalogueGenerator.ChangeFraction(model, 0.01);
        (await h.ExchangeAsync(changed, zip: true)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        (priceChanges + stockChanges).Should().Be(2);
        (h.Writes - afterFirst).Should().Be(priceChanges + stockChanges);
        h.Portal.Stats.Calls("catalog.price.update").Should().Be(priceChanges);
    }

    [Fact]
    public async Task A_product_created_but_not_linked_before_a_crash_is_found_by_xml_id_not_created_twice()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 60, warehouses: 2, priceTypes: 2, seed: 13);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();
        await h.StopBackgroundPushAsync();
        var adds = h.Portal.Stats.Calls("catalog.product.add");
        var priceAdds = h.Portal.Stats.Calls("catalog.price.add");

        // The state a crash between "add succeeded" and "link saved" leaves: rows pending, no Bitrix24 id.
        await using (var db = h.Host.Db())
        {
            await db.CatalogueItems.Where(x => x.MemberId == ExchangeHost.MemberId && (x.Kind == CatalogueKinds.Product || x.Kind == CatalogueKinds.Price))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.BitrixId, (long?)null).SetProperty(x => x.PushedHash, (string?)null));
        }
        var report = await h.PushNowAsync();

        report.HeldElsewhere.Should().BeFalse();
        report.Linked.Should().Be(60 + 120);
        report.Created.Should().Be(0);
        h.Portal.Stats.Calls("catalog.product.add").Should().Be(adds);
        h.Portal.Stats.Calls("catalog.price.add").Should().Be(priceAdds);
        h.Portal.Catalog.AllProducts().Select(p => (string?)p["xmlId"]).Should().OnlyHaveUniqueItems().And.HaveCount(60);
        h.Portal.Catalog.PriceCount.Should().Be(120);
        (await h.Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Answers_lost_after_the_portal_ran_a_batch_never_duplicate_what_was_created()
    {
        await using var h = await CatalogueHarness.StartAsync();
        // 30 % of batch requests run on the portal, then the connection drops: adds are not resent by the SDK
        // (CallKind.Create), so the run stops with created-but-unlinked items, like a crash.
        h.Portal.Faults.Add(new FaultRule(FaultKind.DropAfterExecuting, Probability: 0.3, Method: "batch"));
        var model = CatalogueGenerator.Create(skus: 150, warehouses: 2, priceTypes: 2, seed: 18);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.StopBackgroundPushAsync(); // this test plays the restarted worker itself

        var failedRuns = await h.PushThroughFailuresAsync(maxRuns: 40);
        h.Portal.Faults.Clear();
        await h.PushNowAsync();
        (await h.Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None)).Should().Be(0);

        failedRuns.Should().BeGreaterThan(0, "the faults must have interrupted some runs for this test to mean anything");
        h.Portal.Catalog.AllProducts().Select(p => (string?)p["xmlId"]).Should().OnlyHaveUniqueItems().And.HaveCount(150);
        h.Portal.Catalog.AllSections().Select(p => (string?)p["xmlId"]).Should().OnlyHaveUniqueItems().And.HaveCount(model.Groups.Count);
        h.Portal.Catalog.AllStores().Should().HaveCount(2);
        h.Portal.Catalog.AllProperties().Select(p => (string?)p["code"]).Should().OnlyHaveUniqueItems().And.HaveCount(7);
        var listOptions = model.Properties.Where(p => p.Options.Count > 0).Sum(p => p.Options.Select(o => o.Text).Distinct().Count());
        h.Portal.Catalog.AllPropertyEnums().Select(e => $"{e["propertyId"]}|{e["value"]}").Should().OnlyHaveUniqueItems().And.HaveCount(listOptions);
        h.Portal.Catalog.PriceCount.Should().Be(300);
        var sample = model.Products[42];
        ((double)h.Portal.Catalog.FindProductByXmlId(sample.Id)!["quantity"]!).Should().Be((double)sample.Stock.Sum());
    }

    [Fact]
    public async Task Deleted_product_is_deactivated_in_Bitrix24()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 10, warehouses: 1, priceTypes: 1, seed: 14);
        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        var changed = model.Clone();
        changed.Products[3].Deleted = true;
        (await h.ExchangeAsync(changed, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        var product = h.Portal.Catalog.FindProductByXmlId(model.Products[3].Id)!;
        ((string)product["active"]!).Should().Be("N");
        h.Portal.Catalog.AllProducts().Count(p => (string?)p["active"] == "Y").Should().Be(9);
    }

    [Fact]
    public async Task With_inventory_management_on_quantities_stay_in_the_connector_and_products_still_arrive()
    {
        await using var h = await CatalogueHarness.StartAsync();
        h.Portal.Catalog.InventoryManagement = true;
        var model = CatalogueGenerator.Create(skus: 8, warehouses: 2, priceTypes: 1, seed: 17);

        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        h.Portal.Catalog.ProductCount.Should().Be(8);
        h.Portal.Catalog.AllProducts().Should().OnlyContain(p => (double)p["quantity"]! == 0);
        h.Portal.Stats.Calls("catalog.document.mode.status").Should().Be(1);
        await using var db = h.Host.Db();
        (await db.Stocks.CountAsync()).Should().Be(16, "per-warehouse stock stays in our database");
    }

    [Fact]
    public async Task Truncated_zip_fails_the_import_and_applies_nothing()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 30, warehouses: 2, priceTypes: 1, seed: 15);
        var archive = CatalogExchange.Zip(CatalogueHarness.Files(model));
        using var client = h.NewClient();
        await client.CheckAuthAsync("catalog");
        var init = await client.InitAsync("catalog");
        await using (var half = new MemoryStream(archive[..(archive.Length / 2)]))
        {
            await client.UploadAsync("catalog", "v8_1A2B_3c4d5e.zip", half, init.FileLimit);
        }

        var import = await client.ImportAsync("catalog", "import0_1.xml");

        import.Succeeded.Should().BeFalse();
        import.Final.IsFailure.Should().BeTrue(import.Final.Body);
        await using var db = h.Host.Db();
        (await db.CatalogueItems.CountAsync(x => x.MemberId == ExchangeHost.MemberId)).Should().Be(0);
        h.Portal.Catalog.ProductCount.Should().Be(0);
    }

    [Fact]
    public async Task Offers_with_an_unknown_price_type_fail_with_a_reason_in_the_journal_and_change_nothing()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 5, warehouses: 1, priceTypes: 1, seed: 16);
        using var client = h.NewClient();
        // A 3.x prices file without a classifier that declared its price type.
        ExchangeFile[] files = [ExchangeFile.Write("prices___1.xml", s => CommerceMLWriter.WritePrices3(model, s))];

        var run = await CatalogExchange.RunCatalogAsync(client, files, useZipWhenOffered: false);

        run.Succeeded.Should().BeFalse();
        run.Imports[0].Final.Reason.Should().Contain("неизвестный тип цены");
        await using var db = h.Host.Db();
        (await db.Prices.CountAsync()).Should().Be(0);
        (await db.CatalogueItems.CountAsync()).Should().Be(0);
        (await db.Journal.SingleAsync()).Errors.Should().Contain("неизвестный тип цены");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CatalogueCollection
{
    public const string Name = "Catalogue exchange (serial)";
}
