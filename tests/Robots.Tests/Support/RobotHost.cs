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
using WineB24.Bitrix24Client.Methods;
using WineB24.PortalEmulator.Portal;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Tests.Support.Emulator;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Inbound;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Receivables;

namespace WineB24.Robots.Tests.Support;

/// <summary>
/// A minimal app around AddRobots/MapRobots on Kestrel 127.0.0.1:0, with emulated portals and a Quartz
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

    /// <summary>The host on emulated portals through the real SDK (<see cref="EmulatedInstall"/>).</summary>
    public static Task<RobotHost> StartAsync(EmulatedInstall install, string? sqliteFile = null, bool runJobs = true,
        Dictionary<string, string?>? settings = null)
    {
        var all = install.Settings;
        foreach (var (k, v) in settings ?? []) all[k] = v;
        return StartAsync(install.AddServices, sqliteFile, runJobs, all);
    }

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

    /// <summary>
    /// Registers a robot on the portal with its handler on this host, as the app's registrar does at install
    /// (bizproc.robot.add with the admin's stored tokens); the emulator runs only registered robots.
    /// </summary>
    public async Task RegisterRobotAsync(EmulatedPortal portal, IRobot robot)
    {
        var d = robot.Definition;
        await ClientFor(portal).Bizproc.Robots.AddAsync(new JObject
        {
            ["CODE"] = d.Code,
            ["HANDLER"] = new Uri(BaseAddress, d.HandlerPath.TrimStart('/')).ToString(),
            ["AUTH_USER_ID"] = 1,
            ["NAME"] = JObject.FromObject(d.Name.ToLangMap()),
            ["USE_SUBSCRIPTION"] = d.UseSubscription ? "Y" : "N",
            ["DOCUMENT_TYPE"] = new JArray(d.DocumentTypes[0]),
        });
    }

    /// <summary>The SDK client of the portal, on the tokens the install stored (the admin's).</summary>
    public IBitrix24Client ClientFor(EmulatedPortal portal) =>
        Services.GetRequiredService<IBitrix24ClientFactory>().ForPortal(portal.MemberId);

    public async Task StartJobsAsync() => await (await SchedulerAsync()).Start();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await (await SchedulerAsync()).Shutdown(true);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
