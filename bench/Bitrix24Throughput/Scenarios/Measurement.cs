using System.Diagnostics;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bench.Bitrix24Throughput.Scenarios;

/// <summary>Elapsed time on the shared clock and in real time, and the errors that reached the caller.</summary>
internal sealed record Measurement(double ElapsedSeconds, double RealSeconds, int LimitErrors, int OtherErrors)
{
    /// <summary>
    /// Runs <paramref name="work"/>, which reports per-item errors it was handed (limit, other); an exception that
    /// escapes it is one more error of its kind.
    /// </summary>
    public static async Task<Measurement> TakeAsync(TimeProvider time, Func<Task<(int Limit, int Other)>> work)
    {
        var real = Stopwatch.StartNew();
        var start = time.GetTimestamp();
        var (limit, other) = (0, 0);
        try
        {
            (limit, other) = await work();
        }
        catch (Exception e) when (e is QueryLimitExceededException or OperationTimeLimitException)
        {
            limit++;
        }
        catch (Bitrix24Exception)
        {
            other++;
        }
        return new Measurement(time.GetElapsedTime(start).TotalSeconds, real.Elapsed.TotalSeconds, limit, other);
    }
}
