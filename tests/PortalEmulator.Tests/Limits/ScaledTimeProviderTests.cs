using FluentAssertions;
using WineB24.PortalEmulator.Time;

namespace WineB24.PortalEmulator.Tests.Limits;

public sealed class ScaledTimeProviderTests
{
    [Fact]
    public void Advance_moves_wall_clock_and_timestamps_together()
    {
        var clock = new ScaledTimeProvider(1e-9, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var t0 = clock.GetTimestamp();
        var now0 = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(10));

        (clock.GetUtcNow() - now0).Should().BeCloseTo(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(1));
        clock.GetElapsedTime(t0).Should().BeCloseTo(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Timers_fire_after_emulated_not_real_delay()
    {
        var clock = new ScaledTimeProvider(1000);
        var start = clock.GetTimestamp();

        // 60 emulated seconds = 60 ms real; the assertion is on emulated time, which must have passed.
        await Task.Delay(TimeSpan.FromSeconds(60), clock);

        clock.GetElapsedTime(start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(59));
    }

    [Fact]
    public void Scale_must_be_positive()
    {
        var act = () => new ScaledTimeProvider(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
