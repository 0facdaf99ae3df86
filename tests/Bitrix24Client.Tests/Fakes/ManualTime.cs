namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>
/// A clock the test moves. With <see cref="AutoAdvance"/> a timer fires at once and the clock jumps to its due
/// time, so code that waits (back-off, limits) runs without real waiting while the waited time stays visible.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now;

    public ManualTime(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero);

    public bool AutoAdvance { get; init; }

    /// <summary>Every wait asked of this clock (due times of timers), to assert on back-off.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public int PendingTimers
    {
        get { lock (_gate) return _timers.Count(t => t.DueAt is not null); }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            Timer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is { } d && d <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueAt > _now) _now = next.DueAt!.Value;
                next.DueAt = null;
            }
            next.Fire();
        }
    }

    /// <summary>
    /// Moves the clock to the earliest pending timer's due time plus <paramref name="lateness"/> (negative: that timer
    /// fires early; the clock never goes back) and fires every timer due by then, in due order — the wake-ups of a
    /// loaded machine, made reproducible. Returns false when no timer is pending.
    /// </summary>
    public bool FireNext(TimeSpan lateness)
    {
        List<Timer> fired;
        lock (_gate)
        {
            var pending = _timers.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt).ToList();
            if (pending.Count == 0) return false;
            var target = pending[0].DueAt!.Value + lateness;
            if (target > _now) _now = target;
            fired = [pending[0], .. pending.Skip(1).TakeWhile(t => t.DueAt <= _now)];
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
        bool fireNow;
        lock (_gate)
        {
            if (due == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }
            Waits.Add(due);
            if (AutoAdvance)
            {
                var at = _now + due;
                if (at > _now) _now = at;
                timer.DueAt = null;
                fireNow = true;
            }
            else
            {
                timer.DueAt = _now + due;
                fireNow = due <= TimeSpan.Zero;
                if (fireNow) timer.DueAt = null;
            }
        }
        if (fireNow) ThreadPool.QueueUserWorkItem(_ => timer.Fire());
    }

    private void Remove(Timer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class Timer(ManualTime owner, TimerCallback callback, object? state) : ITimer
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
