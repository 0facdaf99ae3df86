using System.Diagnostics;

namespace WineB24.PortalEmulator.Time;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than real time, consistently for wall time, timestamps and
/// timers, so "2 req/s, burst 50" or a 10-minute operating window play out in seconds of real time. Give the same
/// instance to the emulator and to the code under test so both agree on emulated time.
/// <see cref="Advance"/> jumps the clock forward (timers already armed keep their real-time schedule).
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly long _realStart = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _utcStart;
    private long _offsetTicks;

    public ScaledTimeProvider(double scale, DateTimeOffset? start = null)
    {
        if (scale <= 0 || double.IsNaN(scale) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "scale must be a positive finite number");
        }
        Scale = scale;
        _utcStart = start ?? DateTimeOffset.UtcNow;
    }

    public double Scale { get; }

    /// <summary>Emulated time elapsed since construction.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var real = Stopwatch.GetElapsedTime(_realStart);
            return TimeSpan.FromTicks((long)(real.Ticks * Scale) + Interlocked.Read(ref _offsetTicks));
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/> emulated time.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "time only moves forward");
        }
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => _utcStart + Elapsed;

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => (long)(Elapsed.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new ScaledTimer(System.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    internal TimeSpan ToReal(TimeSpan emulated)
    {
        if (emulated == Timeout.InfiniteTimeSpan || emulated <= TimeSpan.Zero)
        {
            return emulated;
        }
        // The runtime's timer queue has millisecond granularity and may fire up to ~1 ms early; one extra real
        // millisecond keeps timers from ever firing early in emulated time (late is harmless, early breaks limits).
        var ticks = (long)Math.Ceiling(emulated.Ticks / Scale) + TimeSpan.TicksPerMillisecond;
        return TimeSpan.FromTicks(ticks);
    }

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.ToReal(dueTime), owner.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
