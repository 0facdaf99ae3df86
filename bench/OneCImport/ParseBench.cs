using System.Diagnostics;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.Bench.OneCImport;

/// <summary>Parse throughput of the streaming reader over the generated files, with peak managed heap and working set.</summary>
public static class ParseBench
{
    public sealed record Result(long Bytes, long Records, TimeSpan Elapsed, long PeakManagedBytes, long PeakWorkingSetBytes)
    {
        public double MegabytesPerSecond => Bytes / 1024d / 1024d / Elapsed.TotalSeconds;
    }

    public static Result Run(IReadOnlyList<string> paths)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, records = 0;
        var bytes = paths.Sum(p => new FileInfo(p).Length);
        var watch = Stopwatch.StartNew();
        foreach (var path in paths)
        {
            foreach (var _ in CommerceMLReader.Read(path))
            {
                if (++records % 200 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                }
            }
        }
        watch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Result(bytes, records, watch.Elapsed, peak, process.PeakWorkingSet64);
    }
}
