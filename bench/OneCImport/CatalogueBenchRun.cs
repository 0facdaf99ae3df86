using WineB24.OneCEmulator.CommerceML;

namespace WineB24.Bench.OneCImport;

/// <summary>
/// The bench's three exchanges on one portal: the first into an empty portal, the identical one again (zero writes
/// expected) and one with a fraction of prices/stock changed (writes == changes expected). Shared by the console
/// program and its smoke test, so the figures in docs/PERFORMANCE.md and the test come from the same code. With
/// <see cref="BenchOptions.VariantFraction"/> some products are offered as 1C characteristics (<c>P#C</c>); a
/// change then hits a variant's price or stock, which Bitrix24 keeps on the variation.
/// </summary>
public sealed record CatalogueBenchReport(
    ParseBench.Result Parse,
    ImportBench.PhaseResult First,
    ImportBench.PhaseResult Identical,
    ImportBench.PhaseResult Changed,
    int ExpectedChangedWrites,
    int VariantOffers,
    IReadOnlyList<CatalogueBenchReport.Activity> Activities)
{
    /// <summary>
    /// A phase's Bitrix24 traffic in emulated time: first to last request, and how much of it ran before the 1C
    /// exchange had finished (the push does not wait for the whole exchange).
    /// </summary>
    public sealed record Activity(TimeSpan Span, TimeSpan BeforeExchangeEnd, long RequestsBeforeExchangeEnd);

    public bool Holds => First.Succeeded && Identical.Succeeded && Changed.Succeeded && Identical.Writes == 0 && Changed.Writes == ExpectedChangedWrites;
}

public static class CatalogueBenchRun
{
    public static async Task<CatalogueBenchReport> RunAsync(ImportBench bench, BenchOptions options)
    {
        var model = CatalogueGenerator.Create(options.Skus, options.Warehouses, options.PriceTypes,
            variantFraction: options.VariantFraction, variantsEach: options.VariantsEach);
        var (importPath, offersPath) = await WriteFilesAsync(bench, model, 1);

        var parse = ParseBench.Run([importPath, offersPath]);
        var activities = new List<CatalogueBenchReport.Activity>();
        var first = await WatchedAsync(bench, options, activities, () => bench.RunPhaseAsync("first exchange (empty portal)", Files(importPath, offersPath)));
        var identical = await WatchedAsync(bench, options, activities, () => bench.RunPhaseAsync("identical exchange", Files(importPath, offersPath)));

        var (changed, priceChanges, stockChanges, changedIds) = CatalogueGenerator.ChangeFraction(model, options.ChangeFraction);
        var changedSet = changedIds.ToHashSet();
        var onVariants = changed.Products.Count(p => p.Variants.Count > 0 && changedSet.Contains(p.Id));
        var (changedImport, changedOffers) = await WriteFilesAsync(bench, changed, 2);
        var third = await WatchedAsync(bench, options, activities, () => bench.RunPhaseAsync($"{options.ChangeFraction:P0} of products changed ({priceChanges} prices, {stockChanges} stock totals" +
            (onVariants > 0 ? $"; {onVariants} of them on variants)" : ")"),
            Files(changedImport, changedOffers)));
        return new CatalogueBenchReport(parse, first, identical, third, priceChanges + stockChanges, model.Products.Sum(p => p.Variants.Count), activities);
    }

    private static async Task<ImportBench.PhaseResult> WatchedAsync(ImportBench bench, BenchOptions options, List<CatalogueBenchReport.Activity> activities,
        Func<Task<ImportBench.PhaseResult>> phase)
    {
        var activity = PortalActivity.Watch(bench);
        ImportBench.PhaseResult result;
        await using (activity)
        {
            result = await phase();
        }
        var exchangeEnd = activity.Started + result.ExchangeTime * options.Scale;
        var before = activity.FirstRequest is { } firstRequest && firstRequest < exchangeEnd ? exchangeEnd - firstRequest : TimeSpan.Zero;
        activities.Add(new CatalogueBenchReport.Activity(activity.Span, before, activity.RequestsBy(exchangeEnd)));
        return result;
    }

    /// <summary>Writes <paramref name="model"/> as the bench's import/offers files number <paramref name="n"/>; returns their paths.</summary>
    internal static async Task<(string Import, string Offers)> WriteFilesAsync(ImportBench bench, CatalogueModel model, int n)
    {
        var import = bench.FilePath($"import0_{n}.xml");
        var offers = bench.FilePath($"offers0_{n}.xml");
        await using (var f = File.Create(import)) CommerceMLWriter.WriteImport(model, f);
        await using (var f = File.Create(offers)) CommerceMLWriter.WriteOffers(model, f);
        return (import, offers);
    }

    /// <summary>The two files as 1C names them in the exchange.</summary>
    internal static ExchangeFile[] Files(string importFile, string offersFile) =>
        [ExchangeFile.FromPath("import0_1.xml", importFile), ExchangeFile.FromPath("offers0_1.xml", offersFile)];
}
