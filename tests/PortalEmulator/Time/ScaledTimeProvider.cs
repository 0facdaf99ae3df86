using System.Diagnostics;

namespace WineB24.PortalEmulator.Time;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than real time, consistently for wall time, timestamps and
/// timers, so "2 req/s, burst 50" or a 10-minute operating window play out in seconds of real time. Give the same
/// instance to the emulator and to the code under test so both agree on emulated time.
/// <see cref="Advance"/> jumps the clock forward (timers already armed keep their real-time schedule).
/// Timers never fire before their due time in emulated terms: the runtime's timer queue may wake a few real
/// milliseconds early (Linux ticks at ~4 ms), which a 50× clock turns into a fifth of a second, so an early
/// wake-up is re-armed for the rest instead of calling back.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly long _realStart;
    private readonly DateTimeOffset _utcStart;
    private long _offsetTicks;

    /// <param name="realClock">The real clock underneath (the system's by default; tests pass one they drive).</param>
    public ScaledTimeProvider(double scale, DateTimeOffset? start = null, TimeProvider? realClock = null)
    {
        if (scale <= 0 || double.IsNaN(scale) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "scale must be a positive finite number");
        }
        Scale = scale;
        _real = realClock ?? System;
        _realStart = _real.GetTimestamp();
        _utcStart = start ?? DateTimeOffset.UtcNow;
    }

    public double Scale { get; }

    /// <summary>Emulated time elapsed since construction.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var real = _real.GetElapsedTime(_realStart);
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
        => new ScaledTimer(this, callback, state, dueTime, period);

    /// <summary>Real delay for an emulated one, rounded up to the timer queue's whole milliseconds.</summary>
    internal static TimeSpan ToReal(TimeSpan emulated, double scale)
    {
        if (emulated == Timeout.InfiniteTimeSpan || emulated <= TimeSpan.Zero)
        {
            return emulated == Timeout.InfiniteTimeSpan ? emulated : TimeSpan.Zero;
        }
        var milliseconds = Math.Ceiling(emulated.Ticks / scale / TimeSpan.TicksPerMillisecond);
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, uint.MaxValue - 2.0));
    }

    /// <summary>
    /// Keeps its due time in emulated time and drives a one-shot real timer towards it; periods are re-armed here
    /// (from the moment the callback fires, as the runtime's periodic timers do).
    /// </summary>
    private sealed class ScaledTimer : ITimer
    {
        private readonly Lock _gate = new();
        private readonly ScaledTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _inner;
        private TimeSpan? _dueAt;
        private TimeSpan _period;
        private bool _disposed;

        public ScaledTimer(ScaledTimeProvider owner, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
            _inner = owner._real.CreateTimer(static self => ((ScaledTimer)self!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    _dueAt = null;
                    return _inner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
                var due = dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime;
                _dueAt = _owner.Elapsed + due;
                return _inner.Change(ToReal(due, _owner.Scale), Timeout.InfiniteTimeSpan);
            }
        }

        private void OnTick()
        {
            lock (_gate)
            {
                if (_disposed || _dueAt is not { } dueAt)
                {
                    return;
                }
                var now = _owner.Elapsed;
                if (now < dueAt)
                {
                    // Woke up early (or a stale tick after Change): wait for the rest.
                    _inner.Change(ToReal(dueAt - now, _owner.Scale), Timeout.InfiniteTimeSpan);
                    return;
                }
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    _dueAt = now + _period;
                    _inner.Change(ToReal(_period, _owner.Scale), Timeout.InfiniteTimeSpan);
                }
                else
                {
                    _dueAt = null;
                }
            }
            _callback(_state);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _dueAt = null;
            }
            _inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
