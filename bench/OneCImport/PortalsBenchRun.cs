using WineB24.OneCEmulator.CommerceML;

namespace WineB24.Bench.OneCImport;

/// <summary>
/// <c>--portals N</c>: N portals' 1C nodes send the same catalogue at once to the one app, into empty portals. Each
/// portal has its own Standard-plan limits (2 req/s, burst 50), so each push is compared with its own rate bound;
/// the aggregate shows what the app gets out of N portals' limits together.
/// </summary>
public static class PortalsBenchRun
{
    public sealed record Report(IReadOnlyList<ImportBench.PortalPush> Portals, TimeSpan EmulatedTotal, int MaxConcurrentPortals)
    {
        public bool Holds => Portals.All(p => p.Succeeded && p.Rejected503 == 0 && p.Rejected429 == 0);
    }

    /// <summary>Standard plan: a burst of 50, then 2 requests per second.</summary>
    public static double RateBoundSeconds(long requests) => Math.Max(0, requests - 50) / 2.0;

    public static async Task<Report> MeasureAsync(ImportBench bench, BenchOptions options)
    {
        var model = CatalogueGenerator.Create(options.Skus, options.Warehouses, options.PriceTypes);
        var (importPath, offersPath) = await CatalogueBenchRun.WriteFilesAsync(bench, model, 1);
        var (portals, total) = await bench.RunPortalsPhaseAsync(CatalogueBenchRun.Files(importPath, offersPath));
        return new Report(portals, total, bench.MaxConcurrentPortals);
    }

    public static async Task<int> RunAsync(ImportBench bench, BenchOptions options)
    {
        var report = await MeasureAsync(bench, options);
        Console.WriteLine($"{report.Portals.Count} portals at once, OneC:Catalogue:MaxConcurrentPortals = {report.MaxConcurrentPortals}");
        Console.WriteLine();
        Console.WriteLine("| portal | 1C exchange (s, real) | push (s, real) | push (s, emulated) | Bitrix24 writes | HTTP requests | 503 | 429 | rate bound (s, emulated) | % of bound speed | ok |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var n = 0;
        foreach (var p in report.Portals)
        {
            var bound = RateBoundSeconds(p.Requests);
            Console.WriteLine($"| {++n} | {p.ExchangeTime.TotalSeconds:F1} | {p.PushTime.TotalSeconds:F1} | {p.EmulatedPushTime.TotalSeconds:F0} | {p.Writes} | {p.Requests} | " +
                              $"{p.Rejected503} | {p.Rejected429} | {bound:F0} | {100 * bound / Math.Max(1, p.EmulatedPushTime.TotalSeconds):F1} | {(p.Succeeded ? "yes" : "NO: " + p.Failures)} |");
        }
        var requests = report.Portals.Sum(p => p.Requests);
        var seconds = Math.Max(1, report.EmulatedTotal.TotalSeconds);
        Console.WriteLine();
        Console.WriteLine($"aggregate: {requests} requests, {report.Portals.Sum(p => p.Writes)} writes in {seconds:F0} s emulated (first exchange's end → last push's end) " +
                          $"= {requests / seconds:F2} req/s of the portals' {2 * report.Portals.Count} req/s together; " +
                          $"one portal's bound alone {RateBoundSeconds(report.Portals.Max(p => p.Requests)):F0} s, all portals one after another ≥ {report.Portals.Sum(p => RateBoundSeconds(p.Requests)):F0} s");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine($"process peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        return report.Holds ? 0 : 1;
    }
}
