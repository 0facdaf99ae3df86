using WineB24.OneCEmulator.CommerceML;

namespace WineB24.Bench.OneCImport;

/// <summary>
/// The bench's three exchanges on one portal: the first into an empty portal, the identical one again (zero writes
/// expected) and one with a fraction of prices/stock changed (writes == changes expected). Shared by the console
/// program and its smoke test, so the figures in docs/PERFORMANCE.md and the test come from the same code.
/// </summary>
public sealed record CatalogueBenchReport(
    ParseBench.Result Parse,
    ImportBench.PhaseResult First,
    ImportBench.PhaseResult Identical,
    ImportBench.PhaseResult Changed,
    int ExpectedChangedWrites)
{
    public bool Holds => First.Succeeded && Identical.Succeeded && Changed.Succeeded && Identical.Writes == 0 && Changed.Writes == ExpectedChangedWrites;
}

public static class CatalogueBenchRun
{
    public static async Task<CatalogueBenchReport> RunAsync(ImportBench bench, BenchOptions options)
    {
        var model = CatalogueGenerator.Create(options.Skus, options.Warehouses, options.PriceTypes);
        var (importPath, offersPath) = await WriteFilesAsync(bench, model, 1);

        var parse = ParseBench.Run([importPath, offersPath]);
        var first = await bench.RunPhaseAsync("first exchange (empty portal)", Files(importPath, offersPath));
        var identical = await bench.RunPhaseAsync("identical exchange", Files(importPath, offersPath));

        var (changed, priceChanges, stockChanges, _) = CatalogueGenerator.ChangeFraction(model, options.ChangeFraction);
        var (changedImport, changedOffers) = await WriteFilesAsync(bench, changed, 2);
        var third = await bench.RunPhaseAsync($"{options.ChangeFraction:P0} of products changed ({priceChanges} prices, {stockChanges} stock totals)",
            Files(changedImport, changedOffers));
        return new CatalogueBenchReport(parse, first, identical, third, priceChanges + stockChanges);
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
