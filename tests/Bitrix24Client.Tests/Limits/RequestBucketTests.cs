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

    [Fact]
    public void A_full_burst_goes_at_once_then_one_slot_per_interval()
    {
        var time = new ManualTime();
        var bucket = new RequestBucket(new PortalLimits(2, 10, 480, 0.8), time);
        var waits = Enumerable.Range(0, 12).Select(_ => bucket.Reserve()).ToList();
        // One slot of safety margin: 9 immediate, then every 0.5 s.
        waits.Take(9).Should().OnlyContain(w => w == TimeSpan.Zero);
        waits[9].Should().Be(TimeSpan.FromSeconds(0.5));
        waits[10].Should().Be(TimeSpan.FromSeconds(1.0));
        waits[11].Should().Be(TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public void The_bucket_drains_with_time()
    {
        var time = new ManualTime();
        var bucket = new RequestBucket(new PortalLimits(2, 10, 480, 0.8), time);
        for (var i = 0; i < 9; i++) bucket.Reserve();
        time.Advance(TimeSpan.FromSeconds(2)); // 4 slots drained
        Enumerable.Range(0, 4).Select(_ => bucket.Reserve()).Should().OnlyContain(w => w == TimeSpan.Zero);
        bucket.Reserve().Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void A_refusal_pauses_all_callers_and_repeated_refusals_back_off_further()
    {
        var time = new ManualTime();
        var bucket = new RequestBucket(new PortalLimits(2, 10, 480, 0.8), time);
        bucket.Rejected();
        var first = bucket.Reserve();
        first.Should().Be(TimeSpan.FromSeconds(0.5));
        bucket.Rejected(); // an in-flight request refused during the pause: no escalation
        time.Advance(TimeSpan.FromSeconds(0.6));
        bucket.Rejected();
        bucket.Reserve().Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.0));
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
