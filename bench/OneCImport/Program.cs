using System.Globalization;
using WineB24.Bench.OneCImport;

// dotnet run -c Release --project bench/OneCImport [-- --skus 20000 --warehouses 10 --price-types 3 --scale 10 --change 0.01]
//   [--variants 0.2 --variants-each 3] [--postgres] [--portals 3]
var options = BenchOptions.Parse(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"1C catalogue import bench: {options.Skus} SKUs × {options.Warehouses} warehouses × {options.PriceTypes} price types; clock ×{options.Scale}");
if (options.VariantFraction > 0)
{
    Console.WriteLine($"variants: {options.VariantFraction:P0} of products offered as {options.VariantsEach} 1C characteristics each (P#C)");
}
await using var postgres = options.Postgres ? await BenchPostgres.StartAsync() : null;
options = options with { PostgresConnectionString = postgres?.ConnectionString };
Console.WriteLine($"connector database: {(postgres is null ? "SQLite file" : "PostgreSQL (private cluster, pooled)")}");

if (options.Portals > 1)
{
    await using var portals = await ImportBench.StartAsync(options);
    return await PortalsBenchRun.RunAsync(portals, options);
}

await using var bench = await ImportBench.StartAsync(options);
var report = await CatalogueBenchRun.RunAsync(bench, options);
var parse = report.Parse;
Console.WriteLine($"parse: {parse.Bytes / 1048576.0:F1} MB, {parse.Records} records in {parse.Elapsed.TotalSeconds:F2} s = {parse.MegabytesPerSecond:F1} MB/s; " +
                  $"peak managed +{parse.PeakManagedBytes / 1048576.0:F1} MB, peak working set {parse.PeakWorkingSetBytes / 1048576.0:F0} MB");
var (first, second, third) = (report.First, report.Identical, report.Changed);

Console.WriteLine();
Console.WriteLine("| phase | 1C exchange (s) | push (s, real) | push (s, emulated) | Bitrix24 writes | HTTP requests | 503 | 429 | rate bound (s, emulated) | ok |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var p in new[] { first, second, third })
{
    // Standard plan: a burst of 50, then 2 requests per second.
    var bound = Math.Max(0, p.Requests - 50) / 2.0;
    Console.WriteLine($"| {p.Name} | {p.ExchangeTime.TotalSeconds:F1} | {p.PushTime.TotalSeconds:F1} | {p.EmulatedPushTime.TotalSeconds:F0} | {p.Writes} | {p.Requests} | {p.Rejected503} | {p.Rejected429} | {bound:F0} | {(p.Succeeded ? "yes" : "NO: " + p.Failures)} |");
}
Console.WriteLine();
Console.WriteLine("Bitrix24 traffic per phase (emulated, first to last request; the push may begin before the 1C exchange ends):");
foreach (var (p, activity) in new[] { first, second, third }.Zip(report.Activities))
{
    var bound = Math.Max(0, p.Requests - 50) / 2.0;
    var ratio = activity.Span > TimeSpan.Zero && bound > 0 ? $"; rate bound / span = {bound / activity.Span.TotalSeconds:P1}" : "";
    Console.WriteLine($"  {p.Name}: {activity.Span.TotalSeconds:F0} s, of which {activity.BeforeExchangeEnd.TotalSeconds:F0} s " +
                      $"({activity.RequestsBeforeExchangeEnd} requests) before the exchange ended{ratio}");
    // The same bound for what was left when 1C's side ended (a full burst credit granted, as above).
    var after = Math.Max(0, p.Requests - activity.RequestsBeforeExchangeEnd - 50) / 2.0;
    if (after > 0 && p.EmulatedPushTime > TimeSpan.Zero)
    {
        Console.WriteLine($"    after the exchange: {p.Requests - activity.RequestsBeforeExchangeEnd} requests in {p.EmulatedPushTime.TotalSeconds:F0} s, bound {after:F0} s = {after / p.EmulatedPushTime.TotalSeconds:P1}");
    }
}
Console.WriteLine();
Console.WriteLine("operating seconds used per method (emulated, default cost 0.01 s/call; budget 480 s per 10 min):");
foreach (var (method, calls) in bench.Portal.Stats.CallsPerMethod.Where(kv => kv.Key.StartsWith("catalog.", StringComparison.Ordinal)).OrderBy(kv => kv.Key))
{
    Console.WriteLine($"  {method}: {calls} calls = {calls * 0.01:F0} s");
}
var expected = report.ExpectedChangedWrites;
Console.WriteLine();
if (report.VariantOffers > 0)
{
    Console.WriteLine($"variant offers (P#C): {report.VariantOffers}");
}
Console.WriteLine($"identical exchange writes: {second.Writes} (expected 0); changed exchange writes: {third.Writes} (expected {expected})");
using var process = System.Diagnostics.Process.GetCurrentProcess();
Console.WriteLine($"process peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MB");
return report.Holds ? 0 : 1;
