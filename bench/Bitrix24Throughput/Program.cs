using WineB24.Bench.Bitrix24Throughput.Report;
using WineB24.Bench.Bitrix24Throughput.Scenarios;
using WineB24.Bench.Bitrix24Throughput.Setup;
using WineB24.Bitrix24Client.Calls;
using WineB24.PortalEmulator.Portal;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var started = DateTimeOffset.UtcNow;
var results = new List<ScenarioResult>();
var scenarios = new (bool Enabled, double Scale, string Verb, Func<TimeProvider, EmulatedPortal, IBitrix24Client, IReadOnlyList<long>, Task<ScenarioResult>> Run)[]
{
    (options.Export, options.ExportScale, "A: exporting", (t, p, c, ids) => ExportScenario.RunAsync(options, t, p, c, ids)),
    (options.Update, options.UpdateScale, "B: updating", (t, p, c, ids) => UpdateScenario.RunAsync(options, t, p, c, ids)),
};
foreach (var scenario in scenarios.Where(s => s.Enabled))
{
    await using var cloud = await BenchCloud.StartAsync(options, scenario.Scale);
    var (portal, client) = await cloud.AddPortalAsync();
    var seeded = CompanySeed.Seed(portal, options.Companies);
    Console.WriteLine($"{scenario.Verb} {seeded.Count} companies …");
    results.Add(await scenario.Run(cloud.Time, portal, client, seeded));
}

var table = ResultTable.Render(options, results, started);
Console.WriteLine(table);
if (options.MarkdownPath is { } path) await File.WriteAllTextAsync(path, table);
// Non-zero when a scenario processed the wrong set or a limit error reached the caller: the bench is also a check.
return results.All(r => r.Verified && r.LimitErrorsAtCaller == 0 && r.OtherErrorsAtCaller == 0) ? 0 : 1;
