using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Quartz;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Receivables;

namespace WineB24.Robots.Tests.Support;

/// <summary>
/// A minimal app around AddRobots/MapRobots on Kestrel 127.0.0.1:0, with the test's portals and a Quartz
/// scheduler on RAM or on a SQLite file. The scheduler is started only when asked, so a test can queue work
/// and stop before anything runs.
/// </summary>
public sealed class RobotHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RobotHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public async Task<IScheduler> SchedulerAsync() => await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public static Task<RobotHost> StartAsync(FakePortals portals, string? sqliteFile = null, bool runJobs = true,
        Dictionary<string, string?>? settings = null) =>
        StartAsync((services, _) =>
        {
            services.AddSingleton<IPortalDirectory>(portals);
            services.AddSingleton<IBitrix24ClientFactory>(portals);
        }, sqliteFile, runJobs, settings);

    /// <summary><paramref name="portalServices"/> supplies IPortalDirectory and IBitrix24ClientFactory (or the SDK).</summary>
    public static async Task<RobotHost> StartAsync(Action<IServiceCollection, IConfiguration> portalServices, string? sqliteFile = null,
        bool runJobs = true, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Robots:FirstRetryDelay"] = "00:00:00.050",
            ["Robots:MaxRetryDelay"] = "00:00:00.200",
            ["Robots:MaxAttempts"] = "3",
            ["Robots:DeliveryMemory"] = "00:00:00",   // finished jobs vanish, so tests can wait for that
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        portalServices(builder.Services, builder.Configuration);
        // The receivables robot's sources, unless the test supplied its own: no 1C links, nothing read.
        builder.Services.TryAddSingleton<ICounterpartyCompanies>(new CompanyLinks());
        builder.Services.TryAddSingleton<IReceivablesSnapshot>(new ReceivablesSnapshots());
        builder.Services.AddRouting();
        builder.Services.AddQuartz(q =>
        {
            // A persistent store is shared by name: the second host must use the first one's name to recover its jobs.
            var name = sqliteFile is null ? "robots-" + Guid.NewGuid().ToString("N") : "robots-" + Path.GetFileNameWithoutExtension(sqliteFile);
            q.ConfigureScheduler(o => o.InstanceName = name);
            if (sqliteFile is not null)
            {
                q.UsePersistentStore(s =>
                {
                    s.UseSqlite("Data Source=" + sqliteFile);
                    s.UseSystemTextJsonSerializer();
                    s.ProvisionSchema();
                });
            }
        });
        builder.Services.AddRobots(builder.Configuration);

        var app = builder.Build();
        app.MapRobots();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new RobotHost(app, new Uri(address));
        if (runJobs)
        {
            await (await host.SchedulerAsync()).Start();
        }
        return host;
    }

    public async Task StartJobsAsync() => await (await SchedulerAsync()).Start();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await (await SchedulerAsync()).Shutdown(true);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
