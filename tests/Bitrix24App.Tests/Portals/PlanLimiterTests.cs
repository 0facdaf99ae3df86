using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.Bitrix24Client.Setup;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using EmulatorPlan = WineB24.PortalEmulator.Portal.PortalPlan;

namespace WineB24.Bitrix24App.Tests.Portals;

/// <summary>
/// The limiter itself, counted rather than timed: with a stopped clock a call that the limiter makes wait never goes
/// out, so the requests that reach the portal (held there) are exactly the ones the plan lets through at once.
/// </summary>
public sealed class PlanLimiterTests : IAsyncLifetime
{
    private Bitrix24Cloud _cloud = null!;

    public async Task InitializeAsync() => _cloud = await Bitrix24Cloud.StartAsync();

    public async Task DisposeAsync() => await _cloud.DisposeAsync();

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Bitrix24:OAuthServer"] = _cloud.OAuthServer.ToString(),
            ["Bitrix24:ClientId"] = _cloud.ClientId,
            ["Bitrix24:ClientSecret"] = _cloud.ClientSecret,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(new StoppedClock());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<ITokenStore>(new IssuedTokens(_cloud));
        // The same registrations as Hosting/AppModule: the app's limit settings before the SDK.
        services.AddSingleton<PortalPlanLimits>();
        services.AddBitrix24Client(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Enterprise_plan_lets_a_burst_of_120_out_at_once()
    {
        var portal = await _cloud.AddPortalAsync(new PortalOptions { Plan = EmulatorPlan.Enterprise });
        await using var services = Services();
        var limits = services.GetRequiredService<PortalPlanLimits>();
        limits.ApplyPlan(portal.MemberId, WineB24.Bitrix24App.Portals.PortalPlan.Enterprise);
        var client = services.GetRequiredService<IBitrix24ClientFactory>().ForPortal(portal.MemberId);
        var hold = portal.Faults.Hold();

        var calls = Enumerable.Range(0, 120).Select(_ => client.App.InfoAsync()).ToList();

        (await Eventually.TrueAsync(() => hold.Held == 120)).Should().BeTrue($"all 120 fit the Enterprise bucket; {hold.Held} arrived");
        hold.Release();
        await Task.WhenAll(calls);
        portal.Stats.QueryLimitRejections.Should().Be(0);
    }

    [Fact]
    public async Task Standard_plan_and_a_configured_burst_hold_back_what_does_not_fit()
    {
        var standard = await _cloud.AddPortalAsync(new PortalOptions { RatePerSecond = 5, Burst = 250 });
        var overridden = await _cloud.AddPortalAsync(new PortalOptions { Plan = EmulatorPlan.Enterprise });
        await using var plain = Services();
        await using var configured = Services(("Bitrix24:Limits:Burst", "11"));

        var standardClient = plain.GetRequiredService<IBitrix24ClientFactory>().ForPortal(standard.MemberId);
        plain.GetRequiredService<PortalPlanLimits>().ApplyPlan(standard.MemberId, WineB24.Bitrix24App.Portals.PortalPlan.Standard);
        var overriddenClient = configured.GetRequiredService<IBitrix24ClientFactory>().ForPortal(overridden.MemberId);
        configured.GetRequiredService<PortalPlanLimits>().ApplyPlan(overridden.MemberId, WineB24.Bitrix24App.Portals.PortalPlan.Enterprise);
        var standardHold = standard.Faults.Hold();
        var overriddenHold = overridden.Faults.Hold();

        _ = Enumerable.Range(0, 80).Select(_ => standardClient.App.InfoAsync()).ToList();
        _ = Enumerable.Range(0, 30).Select(_ => overriddenClient.App.InfoAsync()).ToList();

        // The SDK keeps one slot of its bucket as margin: 49 of Standard's 50, 10 of the configured 11.
        (await Eventually.TrueAsync(() => standardHold.Held == 49)).Should().BeTrue($"{standardHold.Held} arrived");
        (await Eventually.TrueAsync(() => overriddenHold.Held == 10)).Should().BeTrue($"{overriddenHold.Held} arrived");
        // Every call was issued before the counts above were reached; the rest wait for a clock that does not move.
        standardHold.Held.Should().Be(49);
        overriddenHold.Held.Should().Be(10);
        standardHold.Release();
        overriddenHold.Release();
    }

    /// <summary>Admin tokens straight from the emulated portal; nothing here refreshes.</summary>
    private sealed class IssuedTokens(Bitrix24Cloud cloud) : ITokenStore
    {
        public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken)
        {
            var portal = cloud.FindPortal(memberId);
            if (portal is null)
            {
                return Task.FromResult<PortalTokens?>(null);
            }
            var issued = portal.IssueTokens();
            return Task.FromResult<PortalTokens?>(new PortalTokens(memberId, portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));
        }

        public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken) =>
            Task.FromResult(refreshed);

        public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
