using WineB24.Bench.Bitrix24Throughput.Bounds;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Bench.Bitrix24Throughput.Scenarios;

/// <summary>What one scenario did, as measured on the shared clock and counted by the emulator.</summary>
internal sealed record ScenarioResult(
    string Name,
    int Items,
    double ElapsedSeconds,
    double RealSeconds,
    ThroughputBound Bound,
    long Requests,
    long QueryLimitRejections,
    long OperatingRejections,
    int LimitErrorsAtCaller,
    int OtherErrorsAtCaller,
    bool Verified,
    string Verification)
{
    public double ItemsPerSecond => ElapsedSeconds > 0 ? Items / ElapsedSeconds : double.PositiveInfinity;

    public static ScenarioResult From(string name, int items, Measurement m, ThroughputBound bound, EmulatedPortal portal,
        bool verified, string verification) =>
        new(name, items, m.ElapsedSeconds, m.RealSeconds, bound, portal.Stats.Requests, portal.Stats.QueryLimitRejections,
            portal.Stats.OperatingRejections, m.LimitErrors, m.OtherErrors, verified, verification);

    /// <summary>Achieved over possible: bound time ÷ elapsed time (1 = as fast as the limits allow).</summary>
    public double RatioToBound => ElapsedSeconds > 0 ? Bound.Seconds / ElapsedSeconds : 1;
}
