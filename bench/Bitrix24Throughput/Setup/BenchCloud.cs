using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Time;

namespace WineB24.Bench.Bitrix24Throughput.Setup;

/// <summary>
/// The emulated Bitrix24 cloud plus the SDK wired as the app wires it (<c>AddBitrix24Client</c>, a singleton token
/// store, one <see cref="TimeProvider"/>), both on the same clock. Each scenario gets its own cloud and portal, so its
/// bucket and operating budget start empty and its bound holds from the first request.
/// </summary>
internal sealed class BenchCloud : IAsyncDisposable
{
    private const string ClientId = "local.wineb24.bench";
    private const string ClientSecret = "bench-secret";
    private readonly BenchOptions _options;
    private readonly Bitrix24Cloud _cloud;
    private readonly ServiceProvider _services;
    private readonly BenchTokenStore _tokens = new();

    private BenchCloud(BenchOptions options, TimeProvider time, Bitrix24Cloud cloud)
    {
        _options = options;
        Time = time;
        _cloud = cloud;
        var settings = new Dictionary<string, string?>
        {
            ["Bitrix24:ClientId"] = ClientId,
            ["Bitrix24:ClientSecret"] = ClientSecret,
            ["Bitrix24:OAuthServer"] = cloud.OAuthServer.ToString(),
            ["Bitrix24:Limits:RequestsPerSecond"] = options.RatePerSecond.ToString(CultureInfo.InvariantCulture),
            ["Bitrix24:Limits:Burst"] = options.Burst.ToString(CultureInfo.InvariantCulture),
            ["Bitrix24:Limits:OperatingBudgetSeconds"] = options.OperatingBudgetSeconds.ToString(CultureInfo.InvariantCulture),
            ["Bitrix24:Limits:OperatingThrottleFraction"] = options.ThrottleFraction.ToString(CultureInfo.InvariantCulture),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<ITokenStore>(_tokens);
        services.AddBitrix24Client(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The clock shared by the SDK and the emulator: scaled, or the system clock with --real-time.</summary>
    public TimeProvider Time { get; }

    /// <summary>Starts a cloud on its own clock: <paramref name="scale"/>× faster, or the system clock with --real-time.</summary>
    public static async Task<BenchCloud> StartAsync(BenchOptions options, double scale)
    {
        TimeProvider time = options.RealTime ? TimeProvider.System : new ScaledTimeProvider(scale);
        var cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret, Time = time });
        return new BenchCloud(options, time, cloud);
    }

    /// <summary>A new Standard-plan portal with the run's limits and costs, its tokens in the store, and a client for it.</summary>
    public async Task<(EmulatedPortal Portal, IBitrix24Client Client)> AddPortalAsync()
    {
        var portalOptions = new PortalOptions
        {
            Plan = PortalPlan.Standard,
            RatePerSecond = _options.RatePerSecond,
            Burst = _options.Burst,
            OperatingLimitSeconds = _options.OperatingBudgetSeconds,
            Time = Time,
        };
        portalOptions.MethodCostSeconds["crm.company.list"] = _options.ListCostSeconds;
        portalOptions.MethodCostSeconds["crm.company.update"] = _options.UpdateCostSeconds;
        var portal = await _cloud.AddPortalAsync(portalOptions);
        var issued = portal.IssueTokens(userId: 1);
        _tokens.Put(new PortalTokens(portal.MemberId, portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));
        var client = _services.GetRequiredService<IBitrix24ClientFactory>().ForPortal(portal.MemberId);
        return (portal, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _cloud.DisposeAsync();
    }
}
