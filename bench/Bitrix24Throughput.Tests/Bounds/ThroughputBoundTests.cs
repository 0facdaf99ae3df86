using FluentAssertions;
using WineB24.Bench.Bitrix24Throughput.Bounds;

namespace WineB24.Bench.Bitrix24Throughput.Tests.Bounds;

/// <summary>Cases worked out by hand from the formula in docs/PERFORMANCE.md (standard plan: 2/s, burst 50, 480 s / 10 min).</summary>
public sealed class ThroughputBoundTests
{
    private const double Rate = 2;
    private const int Burst = 50;
    private const double Budget = 480;

    [Fact]
    public void Keyset_export_of_10000_is_rate_bound_at_75_5_seconds()
    {
        // 200 full pages + the short one that ends the export; 0.5 s per page fits one window (960 pages).
        var bound = ThroughputBound.For(10_000, 201, 50, 201, 50, Rate, Burst, Budget, 0.5);

        bound.RateSeconds.Should().Be(75.5);
        bound.OperatingSeconds.Should().Be(0);
        bound.Seconds.Should().Be(75.5);
        bound.Binding.Should().Be("request rate");
        bound.ItemsPerSecond(10_000).Should().BeApproximately(132.45, 0.01);
        bound.SteadyItemsPerSecond.Should().Be(80, "min(2 × 50, 480 / 600 / 0.5 × 50)");
    }

    [Fact]
    public void Batch_update_of_10000_needs_three_operating_windows()
    {
        // m = 480 / 0.125 = 3,840 calls a window, w = ⌈10,000 / 3,840⌉ = 3; the last window's 2,320 calls are
        // 47 batches, within the burst, so T_op = 600 · 2.
        var bound = ThroughputBound.For(10_000, 200, 50, 10_000, 1, Rate, Burst, Budget, 0.125);

        bound.RateSeconds.Should().Be(75);
        bound.OperatingSeconds.Should().Be(1200);
        bound.Binding.Should().Be("operating time");
        bound.ItemsPerSecond(10_000).Should().BeApproximately(8.33, 0.01);
        bound.SteadyItemsPerSecond.Should().BeApproximately(6.4, 1e-9);
    }

    [Theory]
    [InlineData(960, 0)]      // exactly one window's budget: no second window
    [InlineData(961, 600)]    // one call more opens the second window 600 s after the first call
    [InlineData(1920, 600)]
    [InlineData(1921, 1200)]
    public void Window_count_follows_the_budget_over_the_cost(int calls, double operatingSeconds)
    {
        var bound = ThroughputBound.For(calls, calls, 1, calls, 1, 1e9, int.MaxValue, Budget, 0.5);

        bound.OperatingSeconds.Should().Be(operatingSeconds);
    }

    [Fact]
    public void The_call_that_crosses_the_budget_still_runs()
    {
        // 1 s budget at 0.3 s a call: 0.9 s is below the budget, so a fourth call is admitted (m = ⌈1 / 0.3⌉ = 4).
        ThroughputBound.For(4, 4, 1, 4, 1, 1e9, int.MaxValue, 1, 0.3).OperatingSeconds.Should().Be(0);
        ThroughputBound.For(5, 5, 1, 5, 1, 1e9, int.MaxValue, 1, 0.3).OperatingSeconds.Should().Be(600);
    }

    [Fact]
    public void The_last_window_pays_the_rate_for_requests_beyond_the_burst()
    {
        // 100 calls a window, one call a request: 160 calls = 2 windows, the second holding 60 requests,
        // (60 − 50) / 2 = 5 s after it opens.
        var bound = ThroughputBound.For(160, 160, 1, 160, 1, Rate, Burst, 100, 1);

        bound.OperatingSeconds.Should().Be(605);
        bound.RateSeconds.Should().Be(55);
        bound.Binding.Should().Be("operating time");
    }

    [Fact]
    public void A_run_that_fits_the_burst_has_no_lower_bound_on_time()
    {
        var bound = ThroughputBound.For(2_000, 40, 50, 40, 50, Rate, Burst, Budget, 0.5);

        bound.Seconds.Should().Be(0);
        bound.ItemsPerSecond(2_000).Should().Be(double.PositiveInfinity);
        bound.Binding.Should().Be("request rate");
    }
}
