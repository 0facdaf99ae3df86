using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;
using WineB24.PortalEmulator.Catalog;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>
/// The connector's real endpoint on loopback (<see cref="ExchangeHost"/>) wired to the real SDK and an emulated
/// Bitrix24 portal whose member_id is the exchange portal's, plus the scripted 1C client.
/// </summary>
internal sealed class CatalogueHarness : IAsyncDisposable
{
    private const string ClientId = "local.wineb24.catalogue";
    private const string ClientSecret = "catalogue-secret";

    private CatalogueHarness(Bitrix24Cloud cloud, EmulatedPortal portal, ExchangeHost host)
    {
        Cloud = cloud;
        Portal = portal;
        Host = host;
    }

    public Bitrix24Cloud Cloud { get; }
    public EmulatedPortal Portal { get; }
    public ExchangeHost Host { get; }

    public CataloguePusher Pusher => Host.App.Services.GetRequiredService<CataloguePusher>();

    public static async Task<CatalogueHarness> StartAsync(Dictionary<string, string?>? settings = null, bool mapPriceTypes = true)
    {
        var cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret });
        var portal = await cloud.AddPortalAsync(new PortalOptions { MemberId = ExchangeHost.MemberId, Plan = PortalPlan.Standard });
        var wholesale = portal.Catalog.AddPriceType("WHOLESALE", "Оптовая");
        var horeca = portal.Catalog.AddPriceType("HORECA", "HoReCa");
        var issued = portal.IssueTokens(1);
        var store = new PortalTokenStore();
        store.Put(new PortalTokens(portal.MemberId, portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));

        var config = new Dictionary<string, string?>(settings ?? []);
        if (mapPriceTypes)
        {
            var prefix = $"OneC:Catalogue:Portals:{ExchangeHost.MemberId}:PriceTypes:";
            config[prefix + "Розничная"] = "1";
            config[prefix + "Оптовая"] = wholesale.ToString();
            config[prefix + "HoReCa"] = horeca.ToString();
        }
        var options = new Bitrix24ClientOptions { ClientId = ClientId, ClientSecret = ClientSecret, OAuthServer = cloud.OAuthServer };
        var host = await ExchangeHost.StartAsync(services =>
        {
            services.AddSingleton<ITokenStore>(store);
            // The SDK runs on the real clock (its limiter waits); the connector keeps the host's manual clock.
            services.AddSingleton<IBitrix24ClientFactory>(sp => new Bitrix24ClientFactory(Options.Create(options), sp, TimeProvider.System));
        }, config);
        return new CatalogueHarness(cloud, portal, host);
    }

    public ExchangeClient NewClient() => new(new Uri(Host.BaseAddress, "1c/exchange"), ExchangeHost.Login, ExchangeHost.Password);

    public async Task<ExchangeRunResult> ExchangeAsync(CatalogueModel model, bool zip)
    {
        using var client = NewClient();
        return await CatalogExchange.RunCatalogAsync(client, Files(model), zip);
    }

    public static IReadOnlyList<ExchangeFile> Files(CatalogueModel model) =>
    [
        ExchangeFile.Write("import0_1.xml", s => CommerceMLWriter.WriteImport(model, s)),
        ExchangeFile.Write("offers0_1.xml", s => CommerceMLWriter.WriteOffers(model, s)),
    ];

    /// <summary>Waits (≤ 60 s, polling) until the background push has nothing pending.</summary>
    public async Task WaitForPushAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The catalogue push did not finish within 60 s");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the background push worker (as a crash would) so a test drives pushes alone.</summary>
    public Task StopBackgroundPushAsync() =>
        Host.App.Services.GetServices<IHostedService>().OfType<CataloguePushWorker>().Single().StopAsync(CancellationToken.None);

    /// <summary>
    /// Runs a push now, as a restarted worker would; waits (≤ 30 s) while the background worker still holds the
    /// portal's lease from its own run.
    /// </summary>
    public async Task<CataloguePushReport> PushNowAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var report = await Pusher.PushAsync(ExchangeHost.MemberId, CancellationToken.None);
            if (!report.HeldElsewhere || DateTime.UtcNow > deadline)
            {
                return report;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Plays a worker restarted after every failure: runs pushes (≤ <paramref name="maxRuns"/>) while rows are pending,
    /// counting the runs that failed (faults injected on the portal).
    /// </summary>
    public async Task<int> PushThroughFailuresAsync(int maxRuns)
    {
        var failedRuns = 0;
        for (var run = 0; run < maxRuns && await Pusher.PendingCountAsync(ExchangeHost.MemberId, CancellationToken.None) > 0; run++)
        {
            try
            {
                if ((await Pusher.PushAsync(ExchangeHost.MemberId, CancellationToken.None)).HeldElsewhere)
                {
                    await Task.Delay(200); // the background worker was still on it
                }
            }
            catch (Exception)
            {
                failedRuns++;
            }
        }
        return failedRuns;
    }

    /// <summary>catalog.* writes the portal executed (batch commands included).</summary>
    public long Writes => Portal.Stats.CatalogWriteCalls();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Cloud.DisposeAsync();
    }
}

/// <summary>An in-memory <see cref="ITokenStore"/> (the app's real one is encrypted in its database).</summary>
internal sealed class PortalTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, PortalTokens> tokens = new(StringComparer.Ordinal);

    public void Put(PortalTokens pair) => tokens[pair.MemberId] = pair;

    public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult(tokens.GetValueOrDefault(memberId));

    public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken)
    {
        var current = tokens.AddOrUpdate(memberId, refreshed, (_, old) => old.RefreshToken == previousRefreshToken ? refreshed : old);
        return Task.FromResult(current);
    }

    public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken) => Task.CompletedTask;
}
