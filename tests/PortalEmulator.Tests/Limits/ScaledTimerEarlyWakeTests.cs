using FluentAssertions;
using WineB24.PortalEmulator.Time;

namespace WineB24.PortalEmulator.Tests.Limits;

/// <summary>
/// A scaled timer whose real timer wakes up early must not call back before its emulated due time. The real clock
/// underneath is driven by the test (<see cref="DrivenClock"/>), so "early" is exact rather than a race.
/// </summary>
public sealed class ScaledTimerEarlyWakeTests
{
    [Fact]
    public void An_early_real_wake_up_is_re_armed_and_the_callback_runs_once_at_the_due_time()
    {
        var real = new DrivenClock();
        var clock = new ScaledTimeProvider(50, realClock: real);
        var fired = new List<TimeSpan>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.Elapsed), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        real.Inner.Due.Should().Be(TimeSpan.FromMilliseconds(200));
        real.Advance(TimeSpan.FromMilliseconds(197)); // 3 ms early = 0.15 s early in emulated time
        real.Inner.Fire();

        fired.Should().BeEmpty();
        real.Inner.Due.Should().Be(TimeSpan.FromMilliseconds(3));

        real.Advance(TimeSpan.FromMilliseconds(3));
        real.Inner.Fire();
        real.Inner.Fire(); // a stray second tick of a one-shot timer

        fired.Should().ContainSingle().Which.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_periodic_timer_never_runs_ahead_of_its_period()
    {
        var real = new DrivenClock();
        var clock = new ScaledTimeProvider(10, realClock: real);
        var fired = new List<TimeSpan>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        real.Advance(TimeSpan.FromMilliseconds(100));
        real.Inner.Fire();
        real.Advance(TimeSpan.FromMilliseconds(150)); // 1.5 s emulated after the first call: early for a 2 s period
        real.Inner.Fire();
        real.Advance(TimeSpan.FromMilliseconds(50));
        real.Inner.Fire();

        fired.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Ticks_after_Change_to_infinite_or_Dispose_do_not_call_back()
    {
        var real = new DrivenClock();
        var clock = new ScaledTimeProvider(10, realClock: real);
        var calls = 0;
        var timer = clock.CreateTimer(_ => calls++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromSeconds(1));
        real.Inner.Fire();
        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        timer.Dispose();
        real.Inner.Fire();

        calls.Should().Be(0);
    }

    /// <summary>A real clock that moves only when told; its one timer fires when the test says, due or not.</summary>
    private sealed class DrivenClock : TimeProvider
    {
        private long _ticks;

        public DrivenTimer Inner { get; private set; } = null!;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => Inner = new DrivenTimer(callback, state) { Due = dueTime };
    }

    private sealed class DrivenTimer(TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime;
            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
