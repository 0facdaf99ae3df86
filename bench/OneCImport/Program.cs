using System.Globalization;
using WineB24.Bench.OneCImport;
using WineB24.OneCEmulator.CommerceML;

// dotnet run -c Release --project bench/OneCImport [-- --skus 20000 --warehouses 10 --price-types 3 --scale 10 --change 0.01]
var options = BenchOptions.Parse(args);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"1C catalogue import bench: {options.Skus} SKUs × {options.Warehouses} warehouses × {options.PriceTypes} price types; clock ×{options.Scale}");

var model = CatalogueGenerator.Create(options.Skus, options.Warehouses, options.PriceTypes);
await using var bench = await ImportBench.StartAsync(options);

var importPath = bench.FilePath("import0_1.xml");
var offersPath = bench.FilePath("offers0_1.xml");
using (var f = File.Create(importPath)) CommerceMLWriter.WriteImport(model, f);
using (var f = File.Create(offersPath)) CommerceMLWriter.WriteOffers(model, f);

var parse = ParseBench.Run([importPath, offersPath]);
Console.WriteLine($"parse: {parse.Bytes / 1048576.0:F1} MB, {parse.Records} records in {parse.Elapsed.TotalSeconds:F2} s = {parse.MegabytesPerSecond:F1} MB/s; " +
                  $"peak managed +{parse.PeakManagedBytes / 1048576.0:F1} MB, peak working set {parse.PeakWorkingSetBytes / 1048576.0:F0} MB");

ExchangeFile[] Files(string importFile, string offersFile) => [ExchangeFile.FromPath("import0_1.xml", importFile), ExchangeFile.FromPath("offers0_1.xml", offersFile)];

var first = await bench.RunPhaseAsync("first exchange (empty portal)", Files(importPath, offersPath));
var second = await bench.RunPhaseAsync("identical exchange", Files(importPath, offersPath));

var (changed, priceChanges, stockChanges, _) = CatalogueGenerator.ChangeFraction(model, options.ChangeFraction);
var changedOffers = bench.FilePath("offers0_2.xml");
var changedImport = bench.FilePath("import0_2.xml");
using (var f = File.Create(changedImport)) CommerceMLWriter.WriteImport(changed, f);
using (var f = File.Create(changedOffers)) CommerceMLWriter.WriteOffers(changed, f);
var third = await bench.RunPhaseAsync($"{options.ChangeFraction:P0} of products changed ({priceChanges} prices, {stockChanges} stock totals)", Files(changedImport, changedOffers));

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
Console.WriteLine("operating seconds used per method (emulated, default cost 0.01 s/call; budget 480 s per 10 min):");
foreach (var (method, calls) in bench.Portal.Stats.CallsPerMethod.Where(kv => kv.Key.StartsWith("catalog.", StringComparison.Ordinal)).OrderBy(kv => kv.Key))
{
    Console.WriteLine($"  {method}: {calls} calls = {calls * 0.01:F0} s");
}
var expected = priceChanges + stockChanges;
Console.WriteLine();
Console.WriteLine($"identical exchange writes: {second.Writes} (expected 0); changed exchange writes: {third.Writes} (expected {expected})");
using var process = System.Diagnostics.Process.GetCurrentProcess();
Console.WriteLine($"process peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MB");
return second.Writes == 0 && third.Writes == expected && first.Succeeded ? 0 : 1;
