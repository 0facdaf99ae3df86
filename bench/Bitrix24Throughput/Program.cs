using WineB24.Bench.Bitrix24Throughput.Report;
using WineB24.Bench.Bitrix24Throughput.Scenarios;
using WineB24.Bench.Bitrix24Throughput.Setup;

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
if (options.Export)
{
    await using var cloud = await BenchCloud.StartAsync(options, options.ExportScale);
    var (portal, client) = await cloud.AddPortalAsync();
    var seeded = CompanySeed.Seed(portal, options.Companies);
    Console.WriteLine($"A: exporting {seeded.Count} companies …");
    results.Add(await ExportScenario.RunAsync(options, cloud.Time, portal, client, seeded));
}
if (options.Update)
{
    await using var cloud = await BenchCloud.StartAsync(options, options.UpdateScale);
    var (portal, client) = await cloud.AddPortalAsync();
    var seeded = CompanySeed.Seed(portal, options.Companies);
    Console.WriteLine($"B: updating {seeded.Count} companies …");
    results.Add(await UpdateScenario.RunAsync(options, cloud.Time, portal, client, seeded));
}

var table = ResultTable.Render(options, results, started);
Console.WriteLine(table);
if (options.MarkdownPath is { } path) await File.WriteAllTextAsync(path, table);
// Non-zero when a scenario processed the wrong set or a limit error reached the caller: the bench is also a check.
return results.All(r => r.Verified && r.LimitErrorsAtCaller == 0 && r.OtherErrorsAtCaller == 0) ? 0 : 1;
