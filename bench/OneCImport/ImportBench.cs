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
/// emulated Standard-plan portal (2 req/s, burst 50, 480 s operating per method per 10 min) on a scaled clock shared
/// with the SDK, and the scripted 1C client.
/// </summary>
public sealed class ImportBench : IAsyncDisposable
{
    private const string MemberId = "b3e1c0de5eed4ba5a1e5b24000000001";
    private const string Login = "bench-1c";
    private const string Password = "bench-password-2026";

    private readonly string root = Path.Combine(Path.GetTempPath(), "wineb24-onec-bench-" + Guid.NewGuid().ToString("N"));
    private Bitrix24Cloud cloud = null!;
    private WebApplication app = null!;

    public EmulatedPortal Portal { get; private set; } = null!;
    public ScaledTimeProvider Clock { get; }
    public Uri ExchangeUrl { get; private set; } = null!;

    private ImportBench(double scale) => Clock = new ScaledTimeProvider(scale);

    public static async Task<ImportBench> StartAsync(BenchOptions options)
    {
        var bench = new ImportBench(options.Scale);
        Directory.CreateDirectory(bench.root);
        bench.cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = "local.bench", ClientSecret = "bench-secret", Time = bench.Clock });
        bench.Portal = await bench.cloud.AddPortalAsync(new PortalOptions { MemberId = MemberId, Plan = PortalPlan.Standard, Time = bench.Clock });
        var wholesale = bench.Portal.Catalog.AddPriceType("WHOLESALE", "Оптовая");
        var horeca = bench.Portal.Catalog.AddPriceType("HORECA", "HoReCa");
        var issued = bench.Portal.IssueTokens(1);
        var store = new BenchTokenStore(new PortalTokens(MemberId, bench.Portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = bench.root, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(bench.root, "app.db")}",
            ["OneC:ExchangeRoot"] = "data/1c",
            [$"OneC:Portals:{MemberId}:Login"] = Login,
            [$"OneC:Portals:{MemberId}:Password"] = Password,
            [$"OneC:Catalogue:Portals:{MemberId}:PriceTypes:Розничная"] = "1",
            [$"OneC:Catalogue:Portals:{MemberId}:PriceTypes:Оптовая"] = wholesale.ToString(),
            [$"OneC:Catalogue:Portals:{MemberId}:PriceTypes:HoReCa"] = horeca.ToString(),
        });
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
        using var client = new ExchangeClient(ExchangeUrl, Login, Password);
        var run = await CatalogExchange.RunCatalogAsync(client, files);
        var exchange = watch.Elapsed;
        var emulatedStart = Clock.GetUtcNow();
        var pusher = app.Services.GetRequiredService<CataloguePusher>();
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (await pusher.PendingCountAsync(MemberId, CancellationToken.None) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var push = watch.Elapsed - exchange;
        return new PhaseResult(name, exchange, push, Clock.GetUtcNow() - emulatedStart, Writes - writes, Portal.Stats.Requests - requests,
            Portal.Stats.QueryLimitRejections - r503, Portal.Stats.OperatingRejections - r429, client.Requests, run.Succeeded, string.Join("; ", run.Failures));
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

    private sealed class BenchTokenStore(PortalTokens initial) : ITokenStore
    {
        private PortalTokens current = initial;

        public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken) =>
            Task.FromResult<PortalTokens?>(memberId == current.MemberId ? current : null);

        public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken)
        {
            lock (this)
            {
                if (current.RefreshToken == previousRefreshToken)
                {
                    current = refreshed;
                }
                return Task.FromResult(current);
            }
        }

        public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
