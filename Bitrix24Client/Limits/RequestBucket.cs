namespace WineB24.Bitrix24Client.Limits;

/// <summary>
/// Mirror of a portal's leaky bucket (sheet §4.1), shared by every caller of that portal, so the app never
/// causes QUERY_LIMIT_EXCEEDED. Implemented as GCRA (the "virtual scheduling" form of a leaky bucket): each call
/// reserves the next emission slot under a lock and then waits for it outside the lock, which keeps callers in
/// arrival order without holding a lock while waiting.
/// </summary>
internal sealed class RequestBucket
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private PortalLimits _limits;
    // Theoretical arrival time of the next request, in seconds since the Unix epoch on the injected clock.
    private double _tat;

    public RequestBucket(PortalLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
    }

    public PortalLimits Limits
    {
        get { lock (_gate) return _limits; }
        set { lock (_gate) _limits = value; }
    }

    /// <summary>Reserves a slot; returns how long the caller must wait before sending.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = Now();
            var interval = 1.0 / _limits.RequestsPerSecond;
            // One slot of margin: our clock and the portal's are not the same instant, and requests of the same
            // portal from other instances of the app may land in between.
            var capacity = Math.Max(1, _limits.Burst - 1);
            var tolerance = (capacity - 1) * interval;
            _tat = Math.Max(_tat, now);
            var allowAt = _tat - tolerance;
            _tat += interval;
            return allowAt > now ? TimeSpan.FromSeconds(allowAt - now) : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// The portal answered QUERY_LIMIT_EXCEEDED anyway (another app instance or IP shares the bucket): treat the
    /// bucket as full and pause every caller of the portal, doubling the pause on each refusal in a row.
    /// </summary>
    public void Rejected()
    {
        lock (_gate)
        {
            var now = Now();
            // Refusals of requests that were already in flight when the pause began do not escalate it.
            if (now < _pausedUntil) return;
            var interval = 1.0 / _limits.RequestsPerSecond;
            var tolerance = (Math.Max(1, _limits.Burst - 1) - 1) * interval;
            var pause = Math.Min(MaxPauseSeconds, interval * Math.Pow(2, Math.Min(_refusals, 16)));
            _refusals++;
            _pausedUntil = now + pause;
            _tat = Math.Max(_tat, now + pause + tolerance);
        }
    }

    public void Accepted()
    {
        lock (_gate) _refusals = 0;
    }

    private const double MaxPauseSeconds = 30;
    private int _refusals;
    private double _pausedUntil;

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
