using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Limits;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Limits;

public class RequestBucketTests : IAsyncLifetime
{
    private StubPortal _stub = null!;

    public async Task InitializeAsync() => _stub = await StubPortal.StartAsync();
    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private static RequestBucket Bucket(ManualTime time) => new(new PortalLimits(2, 10, 480, 0.8), time);

    [Fact]
    public void A_full_burst_goes_at_once_then_one_slot_per_interval()
    {
        var time = new ManualTime();
        var bucket = Bucket(time);
        var slots = Enumerable.Range(0, 12).Select(_ => bucket.Reserve()).ToList();
        // One slot of safety margin: 9 immediate, then every 0.5 s.
        slots.Take(9).Select(bucket.TryRelease).Should().OnlyContain(w => w == TimeSpan.Zero);
        slots.Skip(9).Select(bucket.TryRelease).Should().Equal(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public void The_bucket_drains_with_time()
    {
        var time = new ManualTime();
        var bucket = Bucket(time);
        for (var i = 0; i < 9; i++) bucket.TryRelease(bucket.Reserve()).Should().Be(TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(2)); // 4 slots drained
        Enumerable.Range(0, 4).Select(_ => bucket.TryRelease(bucket.Reserve())).Should().OnlyContain(w => w == TimeSpan.Zero);
        bucket.TryRelease(bucket.Reserve()).Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void A_refusal_pauses_all_callers_and_repeated_refusals_back_off_further()
    {
        var time = new ManualTime();
        var bucket = Bucket(time);
        bucket.Rejected();
        bucket.TryRelease(bucket.Reserve()).Should().Be(TimeSpan.FromSeconds(0.5));
        bucket.Rejected(); // an in-flight request refused during the pause: no escalation
        time.Advance(TimeSpan.FromSeconds(0.6));
        bucket.Rejected();
        bucket.TryRelease(bucket.Reserve()).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.0));
    }

    [Fact]
    public void A_wake_up_before_the_slot_is_sent_back_to_wait_for_the_rest()
    {
        var time = new ManualTime();
        var bucket = Bucket(time);
        for (var i = 0; i < 9; i++) bucket.TryRelease(bucket.Reserve());
        var slot = bucket.Reserve(); // due in 0.5 s
        time.Advance(TimeSpan.FromSeconds(0.3)); // the timer fired early
        bucket.TryRelease(slot).Should().Be(TimeSpan.FromSeconds(0.2));
        time.Advance(TimeSpan.FromSeconds(0.2));
        bucket.TryRelease(slot).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Callers_that_wake_late_are_charged_when_they_go_so_newcomers_do_not_get_their_share_too()
    {
        var time = new ManualTime();
        var bucket = Bucket(time);
        for (var i = 0; i < 9; i++) bucket.TryRelease(bucket.Reserve());
        var late = Enumerable.Range(0, 3).Select(_ => bucket.Reserve()).ToList(); // due at 0.5, 1.0, 1.5 s
        time.Advance(TimeSpan.FromSeconds(60)); // their timers fire a minute late (a stalled process); the bucket drained
        var newcomers = Enumerable.Range(0, 9).Select(_ => bucket.Reserve()).ToList();

        var released = newcomers.Concat(late).Count(s => bucket.TryRelease(s) == TimeSpan.Zero);

        // All 12 slots have come, but the portal's bucket holds 10: only the mirror's capacity (9) may go now.
        released.Should().Be(9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Whatever_the_wake_up_times_the_released_requests_fit_the_portals_bucket(int seed)
    {
        // Waiters wake at random moments around their slots (early, late, after long stalls); each release is
        // replayed at its instant against the portal's rule. The released sequence must never overflow it.
        var time = new ManualTime();
        var bucket = Bucket(time);
        var portal = new StubLeakyBucket(2, 10, time);
        var random = new Random(seed);
        var waiting = new List<BucketSlot>();
        var released = 0;
        for (var step = 0; step < 5000; step++)
        {
            while (waiting.Count < 8) waiting.Add(bucket.Reserve());
            var pick = random.Next(waiting.Count);
            if (bucket.TryRelease(waiting[pick]) == TimeSpan.Zero)
            {
                waiting.RemoveAt(pick);
                portal.TryAdmit().Should().BeTrue($"release {released} at step {step} overflowed the portal's bucket");
                released++;
            }
            var roll = random.NextDouble();
            var advance = roll < 0.02 ? random.NextDouble() * 60 : roll < 0.5 ? random.NextDouble() * 0.5 : 0;
            time.Advance(TimeSpan.FromSeconds(advance));
        }
        released.Should().BeGreaterThan(1000, "waiters are not starved");
        portal.Refused.Should().Be(0);
    }

    [Theory]
    [InlineData(2.0, 50, 150, false)]
    [InlineData(5.0, 250, 320, true)]
    public async Task Many_workers_never_overflow_the_portals_bucket(double rate, int burst, int calls, bool enterpriseOverride)
    {
        var time = new ManualTime();
        var portalBucket = new StubLeakyBucket(rate, burst, time);
        _stub.Answer(_ => portalBucket.TryAdmit() ? StubReply.Ok(true) : StubReply.Error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"));
        var store = new MemoryTokenStore();
        store.Put(TestClients.Tokens(_stub));
        using var factory = TestClients.Factory(_stub, time, store, o => o.Retry.LimitRetries = 0);
        if (enterpriseOverride) factory.SetLimits(TestClients.MemberId, PortalLimits.Standard.ForLicense("ent"));
        var client = factory.ForPortal(TestClients.MemberId);
        var remaining = calls;
        var start = time.GetUtcNow();

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var ok = 0;
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await client.CallAsync("crm.deal.get", new { id = 1 });
                ok++;
            }
            return ok;
        })).ToList();
        var done = await ClockDriver.RunAsync(time, Task.WhenAll(workers), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(2));

        done.Sum().Should().Be(calls, $"requests seen {_stub.Requests.Count}");
        portalBucket.Refused.Should().Be(0, "the SDK must not cause QUERY_LIMIT_EXCEEDED");
        var elapsed = (time.GetUtcNow() - start).TotalSeconds;
        var ideal = (calls - (burst - 1)) / rate;
        elapsed.Should().BeGreaterThanOrEqualTo(ideal - 1, "the limiter paces the calls");
        elapsed.Should().BeLessThan(ideal * 1.25 + 2, "the limiter does not waste the portal's capacity");
    }

    /// <summary>The portal's rule: +1 per request, drains at the rate, a request above the burst is refused.</summary>
    private sealed class StubLeakyBucket(double rate, int burst, TimeProvider time)
    {
        private readonly object _gate = new();
        private double _level;
        private DateTimeOffset _at = time.GetUtcNow();
        public int Refused;

        public bool TryAdmit()
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                _level = Math.Max(0, _level - (now - _at).TotalSeconds * rate);
                _at = now;
                if (_level + 1 > burst)
                {
                    Refused++;
                    return false;
                }
                _level += 1;
                return true;
            }
        }
    }
}
