using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using WineB24.Bench.Bitrix24Throughput.Bounds;
using WineB24.Bench.Bitrix24Throughput.Setup;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Methods;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bench.Bitrix24Throughput.Scenarios;

/// <summary>
/// Scenario B: rename every company through the SDK's batch helper (⌈N/50⌉ batches of crm.company.update); with
/// the default update cost the method's operating budget, not the request rate, sets the pace. Checks in the
/// emulator's store that every company carries its new title and that the portal ran exactly N updates — together:
/// each company changed exactly once.
/// </summary>
internal static class UpdateScenario
{
    public const string Suffix = " — обновлено";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options, TimeProvider time, EmulatedPortal portal,
        IBitrix24Client client, IReadOnlyList<long> seeded)
    {
        var n = seeded.Count;
        var batches = (n + BatchCalls.MaxCommands - 1) / BatchCalls.MaxCommands;
        var bound = ThroughputBound.For(n, batches, BatchCalls.MaxCommands, n, 1,
            options.RatePerSecond, options.Burst, options.OperatingBudgetSeconds, options.UpdateCostSeconds);
        var companies = client.Crm.Companies;
        var commands = seeded.Select((id, i) => companies.UpdateCommand("c" + id, id, new JObject { ["TITLE"] = CompanySeed.Title(i + 1) + Suffix }));

        var measured = await Measurement.TakeAsync(time, async () =>
        {
            var result = await client.RunAsync(commands);
            var limit = result.Errors.Values.Count(e => e is QueryLimitExceededException or OperationTimeLimitException);
            return (limit, result.Errors.Count - limit + result.NotRun.Count);
        });

        var (renamed, executed) = Verify(portal, seeded);
        var verified = renamed == n && executed == n;
        var verification = $"{renamed} of {n} companies carry the new title; the portal ran {executed} crm.company.update calls";
        return ScenarioResult.From("B: batch update (crm.company.update)", n, measured, bound, portal, verified, verification);
    }

    /// <summary>Companies whose title is the expected new one, and update calls the portal executed.</summary>
    private static (int Renamed, long Executed) Verify(EmulatedPortal portal, IReadOnlyList<long> seeded)
    {
        var renamed = 0;
        for (var i = 0; i < seeded.Count; i++)
        {
            var record = portal.Crm.Find(CrmEntityType.Company, (int)seeded[i]);
            if (record?["TITLE"] is JsonValue title && (string?)title == CompanySeed.Title(i + 1) + Suffix) renamed++;
        }
        return (renamed, portal.Stats.Calls("crm.company.update"));
    }
}
