using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using WineB24.Bench.Bitrix24Throughput.Scenarios;
using WineB24.Bench.Bitrix24Throughput.Setup;

namespace WineB24.Bench.Bitrix24Throughput.Report;

/// <summary>The results as a Markdown table plus the run's conditions (machine, date, clock, limits, costs).</summary>
internal static class ResultTable
{
    public static string Render(BenchOptions o, IReadOnlyList<ScenarioResult> results, DateTimeOffset startedUtc)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var mode = o.RealTime ? "real time (system clock)"
            : string.Format(c, "scaled clock (ScaledTimeProvider shared by SDK and emulator): export {0}×, update {1}×", o.ExportScale, o.UpdateScale);
        s.AppendLine(c, $"Run {startedUtc:yyyy-MM-dd HH:mm} UTC · {mode} · {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
        s.AppendLine(c, $"Portal: {o.RatePerSecond} req/s, burst {o.Burst}; operating budget {o.OperatingBudgetSeconds} s / 10 min per method; crm.company.list {o.ListCostSeconds} s/page, crm.company.update {o.UpdateCostSeconds} s/call; SDK throttles a method above {o.ThrottleFraction:P0} of its budget.");
        s.AppendLine();
        s.AppendLine("| scenario | items | elapsed (emulated s) | items/s | bound: T_rate / T_op → binding | bound items/s (steady-state) | ratio to bound | requests | portal 503 / 429 | limit errors at caller | verified | real s |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            s.AppendLine(c, $"| {r.Name} | {r.Items} | {r.ElapsedSeconds:F1} | {r.ItemsPerSecond:F1} | {r.Bound.RateSeconds:F1} s / {r.Bound.OperatingSeconds:F1} s → {r.Bound.Binding} | {r.Bound.ItemsPerSecond(r.Items):F1} ({r.Bound.SteadyItemsPerSecond:F1}) | {(r.Bound.Seconds > 0 ? r.RatioToBound.ToString("P1", c) : "n/a (fits the burst)")} | {r.Requests} | {r.QueryLimitRejections} / {r.OperatingRejections} | {r.LimitErrorsAtCaller} (other errors {r.OtherErrorsAtCaller}) | {(r.Verified ? "yes" : "NO")}: {r.Verification} | {r.RealSeconds:F1} |");
        }
        return s.ToString();
    }
}
