using FluentAssertions;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;
using WineB24.Bitrix24Client.Tests.Fakes;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Time;

namespace WineB24.Bitrix24Client.Tests.Emulator;

/// <summary>The SDK against the shared portal emulator (a fake that shares no code with the SDK).</summary>
public sealed class EmulatorIntegrationTests
{
    private const string ClientId = "local.wineb24.test";
    private const string ClientSecret = "emulator-secret";

    private static Bitrix24ClientFactory Factory(Bitrix24Cloud cloud, TimeProvider time, ITokenStore store) =>
        new(new Bitrix24ClientOptions
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            OAuthServer = cloud.OAuthServer,
            RequestTimeout = TimeSpan.FromSeconds(60),
        }, () => store, time, null, null, handler: null);

    private static MemoryTokenStore StoreFor(EmulatedPortal portal)
    {
        var issued = portal.IssueTokens(1);
        var store = new MemoryTokenStore();
        store.Put(new PortalTokens(portal.MemberId, new Uri(portal.ClientEndpoint.ToString()), issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));
        return store;
    }

    [Fact]
    public async Task Token_expiry_during_work_from_8_workers_costs_exactly_one_refresh()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret });
        var portal = await cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Standard });
        var store = StoreFor(portal);
        var client = Factory(cloud, TimeProvider.System, store).ForPortal(portal.MemberId);

        await client.CallAsync("user.current");
        portal.ExpireAllAccessTokens();
        var calls = Enumerable.Range(0, 8).Select(_ => client.CallAsync("user.current")).ToArray();
        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(r => r.Result["ID"] != null);
        portal.RefreshCount.Should().Be(1);
        store.Peek(portal.MemberId)!.AccessToken.Should().NotBe(string.Empty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Two_thousand_calls_from_8_workers_whose_timers_fire_early_late_or_after_stalls_are_never_refused_by_the_portal(int seed)
    {
        // The emulator and the SDK share a clock that stands still while anything runs or is on the wire, and moves
        // only when every worker is parked on a timer; the driver then fires the next timer early, late, or after a
        // stall of up to 30 s (seeded). Wake-up timing therefore varies as on a loaded machine, but reproducibly,
        // and transit takes no emulated time — so the app, as the portal's only client, must cause no refusal.
        var clock = new ManualTime();
        await using var cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret, Time = clock });
        var portal = await cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Standard, Time = clock });
        var client = Factory(cloud, clock, StoreFor(portal)).ForPortal(portal.MemberId);
        var start = clock.GetUtcNow();

        var errors = 0;
        var done = 0;
        var active = 8;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 250; i++)
                {
                    try
                    {
                        await client.CallAsync("user.current");
                        Interlocked.Increment(ref done);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        })).ToList();
        var late = await DriveAsync(clock, () => Volatile.Read(ref active), Task.WhenAll(workers), new Random(seed));

        errors.Should().Be(0);
        done.Should().Be(2000);
        portal.Stats.QueryLimitRejections.Should().Be(0, "the SDK mirrors the portal's bucket and is its only client");
        portal.Stats.Requests.Should().Be(2000, "nothing was refused, so nothing was repeated");
        portal.Bucket.PeakLevel.Should().BeLessThanOrEqualTo(portal.Bucket.Burst);
        var elapsed = (clock.GetUtcNow() - start).TotalSeconds;
        var ideal = (2000 - (portal.Bucket.Burst - 1)) / portal.Bucket.RatePerSecond;
        elapsed.Should().BeLessThan(ideal + late.TotalSeconds + 5, "the limiter uses the portal's capacity whenever a worker is awake");
    }

    /// <summary>
    /// Moves <paramref name="clock"/> whenever every active worker is parked on one of its timers, firing the next
    /// timer up to 150 ms early, up to 50 ms late, or (1 in 100) after a 5–30 s stall. Returns the lateness added.
    /// </summary>
    private static async Task<TimeSpan> DriveAsync(ManualTime clock, Func<int> activeWorkers, Task work, Random random)
    {
        var late = TimeSpan.Zero;
        var giveUp = DateTime.UtcNow.AddMinutes(3);
        while (!work.IsCompleted)
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"workers still active: {activeWorkers()}, pending timers {clock.PendingTimers}");
            var active = activeWorkers();
            if (active == 0 || clock.PendingTimers < active)
            {
                await Task.Delay(1);
                continue;
            }
            var roll = random.NextDouble();
            var lateness = roll < 0.01 ? TimeSpan.FromSeconds(5 + 25 * random.NextDouble())
                : roll < 0.3 ? TimeSpan.FromMilliseconds(-150 * random.NextDouble())
                : TimeSpan.FromMilliseconds(50 * random.NextDouble());
            if (lateness > TimeSpan.Zero) late += lateness;
            clock.FireNext(lateness);
        }
        await work;
        return late;
    }
}
