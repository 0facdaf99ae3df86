namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>
/// A virtual clock whose timers fire early, late or after long stalls, as the test decides — the schedule a loaded
/// machine produces by accident, made reproducible. Time stands still while anything runs or waits on the network;
/// <see cref="FireNext"/> moves it to the earliest timer (shifted by the given lateness) and fires what is due.
/// </summary>
public sealed class JitteryClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now;

    public JitteryClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers waiting for their due time: the number of callers parked on this clock.</summary>
    public int ArmedTimers
    {
        get { lock (_gate) return _timers.Count(t => t.DueAt is not null); }
    }

    /// <summary>
    /// Moves the clock to the earliest armed timer's due time plus <paramref name="lateness"/> (negative: the timer
    /// fires early; the clock never goes back) and fires every timer due by then, in due order.
    /// Returns false when no timer is armed.
    /// </summary>
    public bool FireNext(TimeSpan lateness)
    {
        var fired = new List<Timer>();
        lock (_gate)
        {
            var armed = _timers.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt).ToList();
            if (armed.Count == 0) return false;
            var target = armed[0].DueAt!.Value + lateness;
            if (target > _now) _now = target;
            fired.Add(armed[0]);
            fired.AddRange(armed.Skip(1).TakeWhile(t => t.DueAt <= _now));
            foreach (var timer in fired) timer.DueAt = null;
        }
        foreach (var timer in fired) timer.Fire();
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(Timer timer, TimeSpan due)
    {
        lock (_gate)
        {
            if (due == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }
            if (due > TimeSpan.Zero)
            {
                timer.DueAt = _now + due;
                return;
            }
            timer.DueAt = null;
        }
        ThreadPool.QueueUserWorkItem(_ => timer.Fire());
    }

    private void Remove(Timer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class Timer(JitteryClock owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt;
        private bool _disposed;

        public void Fire()
        {
            if (!_disposed) callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
