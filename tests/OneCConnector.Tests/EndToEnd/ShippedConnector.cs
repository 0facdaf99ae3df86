using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App;
using WineB24.OneCConnector.OData;
using WineB24.OneCEmulator.OData;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.OneCConnector.Tests.EndToEnd;

/// <summary>
/// The shipped app (<see cref="AppHost.BuildApp"/>, so <c>AddOneCConnector</c>, robots and placements exactly as
/// Program.cs wires them) on a temp SQLite file, installed on an emulated portal through its installer frame, and a
/// fake 1C OData service with a generated trade infobase. Nothing is replaced: the counterparty sink, the company
/// links and the receivables snapshot are the real ones.
/// </summary>
internal sealed class ShippedConnector : IAsyncDisposable
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private ShippedConnector(Bitrix24Cloud cloud, WebApplication app, string root, EmulatedPortal portal, TradeInfobase trade, FakeODataService oneC)
    {
        Cloud = cloud;
        App = app;
        Root = root;
        Portal = portal;
        Trade = trade;
        OneC = oneC;
    }

    public Bitrix24Cloud Cloud { get; }
    public WebApplication App { get; }
    public string Root { get; }
    public EmulatedPortal Portal { get; }
    public TradeInfobase Trade { get; }
    public FakeODataService OneC { get; }
    public IServiceProvider Services => App.Services;
    public string Member => Portal.MemberId;

    /// <summary>
    /// The infobase is generated "as of" now: the app runs on the system clock, and overdue parts are computed against
    /// its today, so the generator's expectations must share it.
    /// </summary>
    public static async Task<ShippedConnector> StartAsync(int counterparties, CounterpartyShape shape = CounterpartyShape.Trade)
    {
        var cloud = await Bitrix24Cloud.StartAsync();
        var app = Build(cloud, out var root);
        await app.StartAsync();
        var portal = await cloud.AddPortalAsync(new PortalOptions { Plan = PortalPlan.Enterprise });
        var installer = new Uri(new Uri(app.Configuration["App:PublicUrl"]!), "install");
        var response = await portal.PostInstallerAsync(installer, lang: "ru");
        if (response.Status != 200 || !response.Body.Contains("BX24.installFinish()", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"install failed: {response.Status} {response.Body}");
        }
        portal.FinishInstall();
        await portal.FlushDeliveriesAsync();
        var trade = TradeInfobase.Generate(seed: 7, counterparties, DateTime.UtcNow, shape);
        var oneC = await FakeODataService.StartAsync(trade.Infobase);
        return new ShippedConnector(cloud, app, root, portal, trade, oneC);
    }

    /// <summary>
    /// The app as Program.cs builds it; not started (the composition test only resolves services). <paramref name="extraArgs"/>
    /// come last and so override the defaults (the PostgreSQL tests pass <c>Database:Provider</c> and a connection string).
    /// </summary>
    public static WebApplication Build(Bitrix24Cloud cloud, out string root, params string[] extraArgs)
    {
        root = Directory.CreateTempSubdirectory("wineb24-onec-e2e-").FullName;
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        return AppHost.BuildApp(
        [
            $"--contentRoot={root}",
            $"--urls={baseUrl}",
            $"--App:PublicUrl={baseUrl}",
            $"--ConnectionStrings:Default=Data Source={Path.Combine(root, "app.db")}",
            $"--DataProtection:KeysPath={Path.Combine(root, "keys")}",
            $"--Jobs:InstanceName=onec-e2e-{Guid.NewGuid():N}",
            $"--Bitrix24:OAuthServer={cloud.OAuthServer}",
            $"--Bitrix24:ClientId={cloud.ClientId}",
            $"--Bitrix24:ClientSecret={cloud.ClientSecret}",
            "--Bitrix24:Retry:TransientBaseDelay=00:00:00.050",
            "--OneC:OData:FirstRetryDelay=00:00:00.010",
            "--Serilog:MinimumLevel:Default=Warning",
            .. extraArgs,
        ]);
    }

    /// <summary>Saves the connection as the settings page does; the schedules stay off so only the test starts runs.</summary>
    public Task ConnectAsync(OneCConfiguration configuration = OneCConfiguration.Ut11) =>
        Services.GetRequiredService<ODataConnections>().SaveAsync(Member, new ODataPortalSettings
        {
            Url = OneC.BaseUri.AbsoluteUri, Login = OneC.Login, Password = OneC.Password, Configuration = configuration,
            ReceivablesEveryMinutes = 0, CounterpartiesEveryMinutes = 0,
        }, default);

    public Task RunAsync(ODataSyncKind kind) => Services.GetRequiredService<ODataSyncRunner>().RunAsync(Member, kind, default);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await OneC.DisposeAsync();
        await Cloud.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held on a slow machine: the temp folder is left behind, nothing else depends on it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
