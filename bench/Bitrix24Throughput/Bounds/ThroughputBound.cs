namespace WineB24.Bench.Bitrix24Throughput.Bounds;

/// <summary>
/// The fastest any client could finish a finite run against the documented limits, as a lower bound on time.
/// <para>Rate (leaky bucket, +1 per request, drains <c>r</c>/s, refuses above <c>X</c>): starting empty, the first
/// <c>X</c> requests may go at once and each further one needs 1/r, so the last of <c>R</c> requests goes no earlier
/// than <c>T_rate = max(0, (R − X) / r)</c>.</para>
/// <para>Operating time (per method, 10-minute window, budget <c>B</c>, a call is admitted while the window's sum
/// is below <c>B</c>): one window admits <c>m = ⌈B / c⌉</c> calls of cost <c>c</c>; <c>n</c> calls need
/// <c>w = ⌈n / m⌉</c> windows, the last opening 600 s after the first call of the first:
/// <c>T_op = 600 · (w − 1) + T_rate(requests of the last window)</c>.</para>
/// <para>Bound: <c>T* = max(T_rate, T_op)</c>; items/s bound = <c>N / T*</c>. The steady-state form
/// <c>min(r × items per request, B / 600 / c × items per call)</c> is reported beside it; it ignores the burst credit
/// and the first window's budget, both of which a finite run gets for free.</para>
/// </summary>
public sealed record ThroughputBound(double RateSeconds, double OperatingSeconds, double SteadyItemsPerSecond, string Binding)
{
    public const double WindowSeconds = 600;

    /// <summary>Lower bound on elapsed time.</summary>
    public double Seconds => Math.Max(RateSeconds, OperatingSeconds);

    public double ItemsPerSecond(int items) => Seconds > 0 ? items / Seconds : double.PositiveInfinity;

    /// <param name="items">items processed</param>
    /// <param name="requests">HTTP requests the work needs (pages, or batches)</param>
    /// <param name="itemsPerRequest">items one request carries (50 per page or per batch)</param>
    /// <param name="calls">method calls that spend the operating budget of one method</param>
    /// <param name="itemsPerCall">items one such call handles (50 per list page, 1 per update)</param>
    public static ThroughputBound For(int items, int requests, int itemsPerRequest, int calls, int itemsPerCall,
        double rate, int burst, double budget, double cost)
    {
        var rateSeconds = RateTime(requests, rate, burst);
        var perWindow = (int)Math.Ceiling(budget / cost - 1e-9);
        var windows = (calls + perWindow - 1) / perWindow;
        var lastWindowCalls = calls - (windows - 1) * perWindow;
        var callsPerRequest = Math.Max(1, itemsPerRequest / itemsPerCall);
        var lastWindowRequests = (lastWindowCalls + callsPerRequest - 1) / callsPerRequest;
        var operatingSeconds = windows <= 1 ? 0 : WindowSeconds * (windows - 1) + RateTime(lastWindowRequests, rate, burst);
        var steady = Math.Min(rate * itemsPerRequest, budget / WindowSeconds / cost * itemsPerCall);
        var binding = operatingSeconds > rateSeconds ? "operating time" : "request rate";
        return new ThroughputBound(rateSeconds, operatingSeconds, steady, binding);
    }

    private static double RateTime(int requests, double rate, int burst) => Math.Max(0, (requests - burst) / rate);
}
