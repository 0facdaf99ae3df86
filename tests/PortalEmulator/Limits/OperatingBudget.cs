namespace WineB24.PortalEmulator.Limits;

/// <summary>
/// Method execution time per app (or webhook) per method, in ten 1-minute buckets. Checked before a call; the call
/// that crosses the limit still runs, the next one is refused (429 OPERATION_TIME_LIMIT) until buckets expire.
/// </summary>
public sealed class OperatingBudget(double limitSeconds, TimeProvider time)
{
    private const int WindowMinutes = 10;
    private readonly object _gate = new();
    private readonly Dictionary<(string Key, string Method), List<Bucket>> _usage = [];

    public double LimitSeconds { get; } = limitSeconds;

    /// <summary>Seconds used in the window and the unix time the oldest bucket expires.</summary>
    public (double Operating, long ResetAt) Read(string key, string method)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var buckets = Live(key, method, now);
            var used = buckets.Sum(b => b.Seconds);
            var reset = buckets.Count == 0 ? now.AddMinutes(WindowMinutes) : buckets[0].FirstCall.AddMinutes(WindowMinutes);
            return (used, reset.ToUnixTimeSeconds());
        }
    }

    public bool IsBlocked(string key, string method) => LimitSeconds > 0 && Read(key, method).Operating >= LimitSeconds;

    public void Record(string key, string method, double seconds)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var buckets = Live(key, method, now);
            var minute = now.ToUnixTimeSeconds() / 60;
            var current = buckets.Count > 0 && buckets[^1].Minute == minute ? buckets[^1] : null;
            if (current is null)
            {
                current = new Bucket(minute, now);
                buckets.Add(current);
            }
            current.Seconds += seconds;
        }
    }

    private List<Bucket> Live(string key, string method, DateTimeOffset now)
    {
        if (!_usage.TryGetValue((key, method), out var buckets))
        {
            buckets = [];
            _usage[(key, method)] = buckets;
        }
        var minute = now.ToUnixTimeSeconds() / 60;
        buckets.RemoveAll(b => b.Minute <= minute - WindowMinutes);
        return buckets;
    }

    private sealed class Bucket(long minute, DateTimeOffset firstCall)
    {
        public long Minute { get; } = minute;

        public DateTimeOffset FirstCall { get; } = firstCall;

        public double Seconds { get; set; }
    }
}
