namespace WineB24.Bitrix24Client.Limits;

/// <summary>
/// Mirror of a portal's leaky bucket (sheet §4.1), shared by every caller of that portal, so the app never
/// causes QUERY_LIMIT_EXCEEDED. Two parts:
/// <list type="bullet">
/// <item>a <b>queue</b> (GCRA, the "virtual scheduling" form of a leaky bucket): <see cref="Reserve"/> hands each
/// caller the next emission slot, which keeps callers in arrival order and spreads their wake-ups;</item>
/// <item>the <b>mirror</b> proper: <see cref="TryRelease"/> charges a request to the bucket at the instant it is
/// released, never at its slot, and refuses while the bucket would overflow.</item>
/// </list>
/// Charging at the slot was wrong: a caller whose timer fires late (thread-pool stall, GC, coarse timers) was
/// counted as sent — and drained — while it had not been sent yet; if the queue ran dry meanwhile, new callers got
/// a fresh burst on top of the late ones and the portal refused them. A caller whose timer fires early is held
/// until its slot. Time is whatever the injected clock says at release; timers are only a hint.
/// </summary>
internal sealed class RequestBucket
{
    private const double MaxPauseSeconds = 30;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly object _gate = new();
    private PortalLimits _limits;
    // Theoretical arrival time of the next slot (GCRA), in seconds since construction on the injected clock.
    private double _tat;
    // The portal's counter as this process's released requests fill it, and when it was last drained.
    private double _level;
    private double _levelAt;
    private double _pausedUntil;
    private int _refusals;

    public RequestBucket(PortalLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
        _origin = time.GetTimestamp();
    }

    public PortalLimits Limits
    {
        get { lock (_gate) return _limits; }
        set { lock (_gate) _limits = value; }
    }

    /// <summary>Requests this process may have in the portal's bucket: one slot below the portal's limit.</summary>
    /// <remarks>
    /// The slot of margin covers what the mirror cannot see: the portal's clock starts draining when a request
    /// arrives, not when it leaves here, so requests whose transit times differ land closer together than released.
    /// </remarks>
    private int Capacity => Math.Max(1, _limits.Burst - 1);

    /// <summary>Takes the next slot in the queue: the earliest instant the caller may try to release its request.</summary>
    public BucketSlot Reserve()
    {
        lock (_gate)
        {
            var now = Now();
            var interval = 1.0 / _limits.RequestsPerSecond;
            var tolerance = (Capacity - 1) * interval;
            _tat = Math.Max(_tat, now);
            var at = _tat - tolerance;
            _tat += interval;
            return new BucketSlot(at);
        }
    }

    /// <summary>
    /// Releases the request now if its slot has come and the bucket has room, charging it to the bucket; otherwise
    /// returns how long to wait before asking again (ask again: the wake-up may come early or late).
    /// </summary>
    public TimeSpan TryRelease(BucketSlot slot)
    {
        lock (_gate)
        {
            var now = Now();
            var notBefore = Math.Max(slot.At, _pausedUntil);
            if (now < notBefore) return Seconds(notBefore - now);
            Drain(now);
            var excess = _level + 1 - Capacity;
            if (excess > 0) return Seconds(excess / _limits.RequestsPerSecond);
            _level += 1;
            return TimeSpan.Zero;
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
            var tolerance = (Capacity - 1) * interval;
            var pause = Math.Min(MaxPauseSeconds, interval * Math.Pow(2, Math.Min(_refusals, 16)));
            _refusals++;
            _pausedUntil = now + pause;
            _tat = Math.Max(_tat, now + pause + tolerance);
            Drain(now);
            _level = Math.Max(_level, Capacity);
        }
    }

    public void Accepted()
    {
        lock (_gate) _refusals = 0;
    }

    private void Drain(double now)
    {
        if (now <= _levelAt) return;
        _level = Math.Max(0, _level - (now - _levelAt) * _limits.RequestsPerSecond);
        _levelAt = now;
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond)));

    // Seconds since construction: small numbers keep sub-microsecond precision in a double.
    private double Now() => (_time.GetTimestamp() - _origin) / (double)_time.TimestampFrequency;
}

/// <summary>A caller's place in a <see cref="RequestBucket"/>'s queue: when its slot comes, in the bucket's seconds.</summary>
internal readonly record struct BucketSlot(double At);
