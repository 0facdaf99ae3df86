using System.Globalization;
using WineB24.Bench.Bitrix24Throughput.Bounds;
using WineB24.Bench.Bitrix24Throughput.Setup;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;
using WineB24.Bitrix24Client.Methods;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bench.Bitrix24Throughput.Scenarios;

/// <summary>
/// Scenario A: read every company with the SDK's keyset export (order ID ASC, filter &gt;ID, start=-1); one page per
/// request, so the run is bound by the request rate. Checks that exactly the seeded ids came back, each once.
/// </summary>
internal static class ExportScenario
{
    public static async Task<ScenarioResult> RunAsync(BenchOptions options, TimeProvider time, EmulatedPortal portal,
        IBitrix24Client client, IReadOnlyList<long> seeded)
    {
        var n = seeded.Count;
        // Pages of 50, plus the short (possibly empty) page that tells the export to stop.
        var requests = n / ListCalls.PageSize + 1;
        var bound = ThroughputBound.For(n, requests, ListCalls.PageSize, requests, ListCalls.PageSize,
            options.RatePerSecond, options.Burst, options.OperatingBudgetSeconds, options.ListCostSeconds);

        var ids = new HashSet<long>();
        var rows = 0;
        var measured = await Measurement.TakeAsync(time, async () =>
        {
            await foreach (var row in client.Crm.Companies.ExportAsync(select: ["ID", "TITLE"]))
            {
                rows++;
                ids.Add(long.Parse(row.Value<string>("ID")!, CultureInfo.InvariantCulture));
            }
            return (0, 0);
        });

        var verified = rows == n && ids.Count == n && ids.SetEquals(seeded);
        var verification = $"{rows} rows, {ids.Count} distinct ids, {(ids.SetEquals(seeded) ? "exactly the seeded set" : "NOT the seeded set")}";
        return ScenarioResult.From("A: keyset export (crm.company.list)", n, measured, bound, portal, verified, verification);
    }
}
