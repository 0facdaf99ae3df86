using WineB24.Bench.Bitrix24Throughput.Bounds;

namespace WineB24.Bench.Bitrix24Throughput.Scenarios;

/// <summary>What one scenario did, as measured on the shared clock and counted by the emulator.</summary>
public sealed record ScenarioResult(
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

    /// <summary>Achieved over possible: bound time ÷ elapsed time (1 = as fast as the limits allow).</summary>
    public double RatioToBound => ElapsedSeconds > 0 ? Bound.Seconds / ElapsedSeconds : 1;
}
