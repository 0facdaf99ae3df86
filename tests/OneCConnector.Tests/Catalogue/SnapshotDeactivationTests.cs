using FluentAssertions;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>A full catalogue from 1C deactivates the products it left out, once its session is over; a changes-only file never does.</summary>
[Collection(CatalogueCollection.Name)]
public sealed class SnapshotDeactivationTests
{
    private static CatalogueModel Without(CatalogueModel model, params int[] drop)
    {
        var copy = model.Clone();
        foreach (var index in drop.OrderDescending())
        {
            copy.Products.RemoveAt(index);
        }
        return copy;
    }

    private static CatalogueModel Only(CatalogueModel model, Func<int, bool> keep)
    {
        var copy = model.Clone();
        copy.Products.RemoveAll(p => !keep(model.Products.FindIndex(x => x.Id == p.Id)));
        return copy;
    }

    /// <summary>One 1C session: upload and import each file, then <c>mode=complete</c> (3.x).</summary>
    private static async Task SessionAsync(CatalogueHarness h, IReadOnlyList<ExchangeFile> files, bool complete = true)
    {
        h.Host.Time.Advance(TimeSpan.FromMinutes(10)); // 1C's next scheduled exchange
        using var client = h.NewClient();
        var run = await CatalogExchange.RunCatalogAsync(client, files, useZipWhenOffered: false);
        run.Succeeded.Should().BeTrue(string.Join("; ", run.Failures));
        if (complete)
        {
            (await client.GetAsync("type=catalog&mode=complete")).IsSuccess.Should().BeTrue();
        }
    }

    /// <summary>The first exchange of a portal, pushed: every product linked and active.</summary>
    private static async Task<CatalogueModel> FirstCatalogueAsync(CatalogueHarness h, int skus, int seed)
    {
        var model = CatalogueGenerator.Create(skus, warehouses: 1, priceTypes: 1, seed: seed);
        await SessionAsync(h, CatalogueHarness.Files(model));
        await h.WaitForPushAsync();
        return model;
    }

    private static string Active(CatalogueHarness h, ProductSpec p) => (string)h.Portal.Catalog.FindProductByXmlId(p.Id)!["active"]!;

    [Fact]
    public async Task A_full_catalogue_deactivates_linked_products_it_no_longer_lists_once_the_session_completes()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = await FirstCatalogueAsync(h, skus: 12, seed: 31);
        var writes = h.Writes;

        await SessionAsync(h, [ExchangeFile.Write("import0_1.xml", s => CommerceMLWriter.WriteImport(Without(model, 2, 7), s))]);
        await h.PushNowAsync(); // settles the finished session (unless the background worker got there first)
        await h.WaitForPushAsync();

        Active(h, model.Products[2]).Should().Be("N");
        Active(h, model.Products[7]).Should().Be("N");
        h.Portal.Catalog.AllProducts().Count(p => (string?)p["active"] == "Y").Should().Be(10);
        (h.Writes - writes).Should().Be(2, "only the two left-out products are written");

        // Listed again later: active again, as any 1C change would be.
        await SessionAsync(h, [ExchangeFile.Write("import0_1.xml", s => CommerceMLWriter.WriteImport(model, s))]);
        await h.PushNowAsync();
        await h.WaitForPushAsync();
        Active(h, model.Products[2]).Should().Be("Y");
    }

    [Fact]
    public async Task A_changes_only_catalogue_deactivates_nothing()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = await FirstCatalogueAsync(h, skus: 8, seed: 32);

        await SessionAsync(h, [ExchangeFile.Write("import0_1.xml", s => CommerceMLWriter.WriteImport(Without(model, 0, 1, 2), s, onlyChanges: true))]);
        var report = await h.PushNowAsync();

        report.Deactivated.Should().Be(0);
        h.Portal.Catalog.AllProducts().Should().OnlyContain(p => (string?)p["active"] == "Y");
    }

    [Fact]
    public async Task A_full_catalogue_split_over_several_files_of_one_session_counts_as_one_snapshot()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = await FirstCatalogueAsync(h, skus: 9, seed: 33);

        // 3.x style: goods in portions, each file a full catalogue of its own; product 8 is in none of them.
        var first = Only(model, i => i < 4);
        var second = Only(model, i => i is >= 4 and < 8);
        await SessionAsync(h,
        [
            ExchangeFile.Write("import___1.xml", s => CommerceMLWriter.WriteImport(first, s, "3.1")),
            ExchangeFile.Write("import___2.xml", s => CommerceMLWriter.WriteImport(second, s, "3.1")),
        ], complete: false);
        (await h.PushNowAsync()).Deactivated.Should().Be(0, "the session is not over: 1C may still send portions");
        h.Portal.Catalog.AllProducts().Should().OnlyContain(p => (string?)p["active"] == "Y");

        // 2.x clients never call complete: the next session shows the previous one is over.
        await SessionAsync(h, [ExchangeFile.Write("offers0_1.xml", s => CommerceMLWriter.WriteOffers(model, s))], complete: false);
        await h.PushNowAsync();
        await h.WaitForPushAsync();

        Active(h, model.Products[8]).Should().Be("N");
        h.Portal.Catalog.AllProducts().Count(p => (string?)p["active"] == "Y").Should().Be(8, "products of the first file are not deactivated by the second");
    }

    [Fact]
    public async Task A_session_with_a_failed_file_deactivates_nothing()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = await FirstCatalogueAsync(h, skus: 6, seed: 34);
        var stranger = CatalogueGenerator.Create(skus: 2, warehouses: 1, priceTypes: 1, seed: 99); // its price type is unknown here

        h.Host.Time.Advance(TimeSpan.FromMinutes(10));
        using var client = h.NewClient();
        var run = await CatalogExchange.RunCatalogAsync(client,
        [
            ExchangeFile.Write("import0_1.xml", s => CommerceMLWriter.WriteImport(Without(model, 0), s)),
            ExchangeFile.Write("prices___1.xml", s => CommerceMLWriter.WritePrices3(stranger, s)),
        ], useZipWhenOffered: false);
        run.Succeeded.Should().BeFalse("the prices file refers to a price type 1C never declared");
        await client.GetAsync("type=catalog&mode=complete");
        var report = await h.PushNowAsync();

        report.Deactivated.Should().Be(0);
        Active(h, model.Products[0]).Should().Be("Y");
    }
}
