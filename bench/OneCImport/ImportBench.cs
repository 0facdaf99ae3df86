using System.Collections.Concurrent;
using Quartz;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;
using WineB24.OneCConnector;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCEmulator.CommerceML;
using WineB24.PortalEmulator.Catalog;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Time;

namespace WineB24.Bench.OneCImport;

/// <summary>
/// The app's 1C endpoint (real Kestrel on loopback, SQLite file) with the catalogue mapping and the real SDK, an
/// emulated Standard-plan portal per <c>--portals</c> (each its own 2 req/s, burst 50, 480 s operating per method per 10 min) on a scaled clock shared
/// with the SDK, and the scripted 1C client.
/// </summary>
public sealed class ImportBench : IAsyncDisposable
{
    private const string Login = "bench-1c";
    private const string Password = "bench-password-2026";

    private readonly string root = Path.Combine(Path.GetTempPath(), "wineb24-onec-bench-" + Guid.NewGuid().ToString("N"));
    private readonly List<EmulatedPortal> portals = [];
    private Bitrix24Cloud cloud = null!;
    private WebApplication app = null!;

    /// <summary>The first portal (the single-portal phases run on it).</summary>
    public EmulatedPortal Portal => portals[0];

    /// <summary>Every portal the app serves (<c>--portals N</c>), each with its own 1C login and its own limits.</summary>
    public IReadOnlyList<EmulatedPortal> Portals => portals;
    public ScaledTimeProvider Clock { get; }
    public Uri ExchangeUrl { get; private set; } = null!;

    /// <summary>The catalogue push's portal concurrency the app runs with (<c>OneC:Catalogue:MaxConcurrentPortals</c>).</summary>
    public int MaxConcurrentPortals => app.Services.GetRequiredService<IOptions<CatalogueOptions>>().Value.MaxConcurrentPortals;

    private ImportBench(double scale) => Clock = new ScaledTimeProvider(scale);

    /// <summary>Portal i's member id (32 hex characters).</summary>
    private static string MemberId(int portal) => $"b3e1c0de5eed4ba5a1e5b24{portal + 1:D9}";

    /// <summary>Portal i's 1C login: each portal's 1C node authenticates as itself.</summary>
    public static string LoginOf(int portal) => portal == 0 ? Login : $"{Login}-{portal + 1}";

    public static async Task<ImportBench> StartAsync(BenchOptions options)
    {
        var bench = new ImportBench(options.Scale);
        Directory.CreateDirectory(bench.root);
        bench.cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = "local.bench", ClientSecret = "bench-secret", Time = bench.Clock });
        var store = new BenchTokenStore();
        // MaxConcurrentPortals is left to the environment (OneC__Catalogue__MaxConcurrentPortals=1 = the sequential worker).
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(bench.root, "app.db")}",
            ["OneC:ExchangeRoot"] = "data/1c",
        };
        for (var i = 0; i < Math.Max(1, options.Portals); i++)
        {
            var memberId = MemberId(i);
            var portal = await bench.cloud.AddPortalAsync(new PortalOptions { MemberId = memberId, Plan = PortalPlan.Standard, Time = bench.Clock });
            var wholesale = portal.Catalog.AddPriceType("WHOLESALE", "Оптовая");
            var horeca = portal.Catalog.AddPriceType("HORECA", "HoReCa");
            var issued = portal.IssueTokens(1);
            store.Put(new PortalTokens(memberId, portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));
            settings[$"OneC:Portals:{memberId}:Login"] = LoginOf(i);
            settings[$"OneC:Portals:{memberId}:Password"] = Password;
            settings[$"OneC:Catalogue:Portals:{memberId}:PriceTypes:Розничная"] = "1";
            settings[$"OneC:Catalogue:Portals:{memberId}:PriceTypes:Оптовая"] = wholesale.ToString();
            settings[$"OneC:Catalogue:Portals:{memberId}:PriceTypes:HoReCa"] = horeca.ToString();
            bench.portals.Add(portal);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = bench.root, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        if (options.PostgresConnectionString is { } postgres)
        {
            // Later configuration sources win: the same keys the app reads switch the connector's storage to PostgreSQL.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = postgres,
                ["Database:Provider"] = "Postgres",
            });
            // EF logs its probe of the not-yet-created migrations history table as a failed command; a real failure
            // still fails the phase (the 1C reply and the pending rows), so the bench's output is not the place for it.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        }
        var sdk = new Bitrix24ClientOptions { ClientId = "local.bench", ClientSecret = "bench-secret", OAuthServer = bench.cloud.OAuthServer };
        builder.Services.AddSingleton<ITokenStore>(store);
        builder.Services.AddSingleton<IBitrix24ClientFactory>(sp => new Bitrix24ClientFactory(Options.Create(sdk), sp, bench.Clock));
        // The connector's OData schedules live on the host's Quartz scheduler (in memory here; the bench schedules nothing).
        builder.Services.AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = "bench-" + Guid.NewGuid().ToString("N")));
        builder.Services.AddOneCConnector(builder.Configuration);
        bench.app = builder.Build();
        bench.app.MapOneCConnector();
        await bench.app.StartAsync();
        var address = bench.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        bench.ExchangeUrl = new Uri(new Uri(address), ExchangeEndpoint.Path.TrimStart('/'));
        return bench;
    }

    public string FilePath(string name) => Path.Combine(root, name);

    /// <summary>catalog.* writes the portal executed (batch commands included).</summary>
    public long Writes => Portal.Stats.CatalogWriteCalls();

    public sealed record PhaseResult(string Name, TimeSpan ExchangeTime, TimeSpan PushTime, TimeSpan EmulatedPushTime, long Writes, long Requests,
        long Rejected503, long Rejected429, int ClientRequests, bool Succeeded, string Failures);

    public async Task<PhaseResult> RunPhaseAsync(string name, IReadOnlyList<ExchangeFile> files)
    {
        var writes = Writes;
        var requests = Portal.Stats.Requests;
        var r503 = Portal.Stats.QueryLimitRejections;
        var r429 = Portal.Stats.OperatingRejections;
        var watch = Stopwatch.StartNew();
        using var client = new ExchangeClient(ExchangeUrl, LoginOf(0), Password);
        var run = await CatalogExchange.RunCatalogAsync(client, files);
        var exchange = watch.Elapsed;
        var emulatedStart = Clock.GetUtcNow();
        var pusher = app.Services.GetRequiredService<CataloguePusher>();
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (await pusher.PendingCountAsync(Portal.MemberId, CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var push = watch.Elapsed - exchange;
        return new PhaseResult(name, exchange, push, Clock.GetUtcNow() - emulatedStart, Writes - writes, Portal.Stats.Requests - requests,
            Portal.Stats.QueryLimitRejections - r503, Portal.Stats.OperatingRejections - r429, client.Requests, run.Succeeded, string.Join("; ", run.Failures));
    }

    public sealed record PortalPush(string MemberId, TimeSpan ExchangeTime, TimeSpan PushTime, TimeSpan EmulatedPushTime, long Writes, long Requests,
        long Rejected503, long Rejected429, bool Succeeded, string Failures);

    /// <summary>
    /// Every portal's 1C sends <paramref name="files"/> at the same moment; each portal's push is timed from the end of
    /// its own exchange to its last pending row (real and emulated clock). Returns the portals' figures and the time
    /// (emulated) from the first exchange's end to the last push's end.
    /// </summary>
    public async Task<(IReadOnlyList<PortalPush> Portals, TimeSpan EmulatedTotal)> RunPortalsPhaseAsync(IReadOnlyList<ExchangeFile> files)
    {
        var pusher = app.Services.GetRequiredService<CataloguePusher>();
        var firstExchangeEnd = DateTimeOffset.MaxValue;
        var runs = portals.Select(async (portal, i) =>
        {
            var (writes, requests, r503, r429) = (portal.Stats.CatalogWriteCalls(), portal.Stats.Requests, portal.Stats.QueryLimitRejections, portal.Stats.OperatingRejections);
            var watch = Stopwatch.StartNew();
            using var client = new ExchangeClient(ExchangeUrl, LoginOf(i), Password);
            var run = await CatalogExchange.RunCatalogAsync(client, files);
            var exchange = watch.Elapsed;
            var emulatedStart = Clock.GetUtcNow();
            lock (portals)
            {
                firstExchangeEnd = emulatedStart < firstExchangeEnd ? emulatedStart : firstExchangeEnd;
            }
            var deadline = DateTime.UtcNow.AddMinutes(60);
            while (await pusher.PendingCountAsync(portal.MemberId, CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            return new PortalPush(portal.MemberId, exchange, watch.Elapsed - exchange, Clock.GetUtcNow() - emulatedStart,
                portal.Stats.CatalogWriteCalls() - writes, portal.Stats.Requests - requests, portal.Stats.QueryLimitRejections - r503,
                portal.Stats.OperatingRejections - r429, run.Succeeded, string.Join("; ", run.Failures));
        }).ToList();
        var results = await Task.WhenAll(runs);
        return (results, Clock.GetUtcNow() - firstExchangeEnd);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await cloud.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class BenchTokenStore : ITokenStore
    {
        private readonly ConcurrentDictionary<string, PortalTokens> tokens = new(StringComparer.Ordinal);

        public void Put(PortalTokens pair) => tokens[pair.MemberId] = pair;

        public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult(tokens.GetValueOrDefault(memberId));

        public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken) =>
            Task.FromResult(tokens.AddOrUpdate(memberId, refreshed, (_, old) => old.RefreshToken == previousRefreshToken ? refreshed : old));

        public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
