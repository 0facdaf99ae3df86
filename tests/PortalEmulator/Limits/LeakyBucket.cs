namespace WineB24.PortalEmulator.Limits;

/// <summary>
/// The per-portal request bucket: each request adds 1, the level drains <c>rate</c> per second of (emulated) time,
/// and a request that would push the level above <c>burst</c> is refused (503 QUERY_LIMIT_EXCEEDED) without
/// being counted.
/// </summary>
public sealed class LeakyBucket(double ratePerSecond, int burst, TimeProvider time)
{
    private readonly object _gate = new();
    private double _level;
    private double _peak;
    private long _last = time.GetTimestamp();

    public double RatePerSecond { get; } = ratePerSecond;

    public int Burst { get; } = burst;

    /// <summary>Highest level an accepted request reached: a client that paces itself right keeps this at or below Burst.</summary>
    public double PeakLevel
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    public double Level
    {
        get
        {
            lock (_gate)
            {
                Drain();
                return _level;
            }
        }
    }

    public bool TryAdd()
    {
        lock (_gate)
        {
            Drain();
            if (_level + 1 > Burst)
            {
                return false;
            }
            _level += 1;
            _peak = Math.Max(_peak, _level);
            return true;
        }
    }

    private void Drain()
    {
        var now = time.GetTimestamp();
        var seconds = (now - _last) / (double)time.TimestampFrequency;
        _last = now;
        if (seconds > 0)
        {
            _level = Math.Max(0, _level - seconds * RatePerSecond);
        }
    }
}
