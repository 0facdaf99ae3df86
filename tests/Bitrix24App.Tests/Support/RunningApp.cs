using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Inbound;
using WineB24.PortalEmulator.Cloud;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>
/// The real app on Kestrel 127.0.0.1 with its own temp folder (SQLite file, keys), talking through the real SDK to
/// the portal emulator's OAuth server and portals.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private RunningApp(WebApplication app, string root, Uri baseUrl)
    {
        App = app;
        Root = root;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public WebApplication App { get; }
    public string Root { get; }
    public Uri BaseUrl { get; }
    public Uri InstallerUrl => new(BaseUrl, "install");
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts the app. <paramref name="manifest"/> replaces the shipped manifest contributors (registrar tests assert
    /// against a manifest they control); without it the shipped robots, placements and events are registered.
    /// </summary>
    public static async Task<RunningApp> StartAsync(
        Bitrix24Cloud cloud,
        TestManifest? manifest = null,
        RecordingEventHandler? handler = null,
        RecordingDataCleaner? cleaner = null,
        string? root = null,
        string? instanceName = null,
        CapturedLogs? logs = null,
        params string[] extraArgs)
    {
        root ??= Directory.CreateTempSubdirectory("wineb24-app-").FullName;
        var baseUrl = new Uri($"http://127.0.0.1:{Ports.Free()}/");
        string[] args =
        [
            $"--contentRoot={root}",
            $"--urls={baseUrl}",
            $"--App:PublicUrl={baseUrl}",
            $"--ConnectionStrings:Default=Data Source={Path.Combine(root, "app.db")}",
            $"--DataProtection:KeysPath={Path.Combine(root, "keys")}",
            $"--Jobs:InstanceName={instanceName ?? "test-" + Guid.NewGuid().ToString("N")}",
            "--Jobs:EventRetryDelay=00:00:00.200",
            "--Jobs:OfflineSweepInterval=01:00:00",
            .. CloudArgs(cloud),
            "--Serilog:Using:0=Serilog.Sinks.Console",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:WriteTo:0:Name=Console",
            .. extraArgs,
        ];
        var app = AppHost.BuildApp(args, builder =>
        {
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
            }
            if (manifest is not null)
            {
                builder.Services.RemoveAll<IAppManifestContributor>();
                builder.Services.AddSingleton<IAppManifestContributor>(manifest);
            }
            if (handler is not null)
            {
                builder.Services.AddSingleton<IBitrix24EventHandler>(handler);
            }
            if (cleaner is not null)
            {
                builder.Services.AddSingleton<IPortalDataCleaner>(cleaner);
            }
        });
        await app.StartAsync();
        return new RunningApp(app, root, baseUrl);
    }

    /// <summary>The SDK settings that point the app at the emulated cloud.</summary>
    public static string[] CloudArgs(Bitrix24Cloud cloud) =>
    [
        $"--Bitrix24:OAuthServer={cloud.OAuthServer}",
        $"--Bitrix24:ClientId={cloud.ClientId}",
        $"--Bitrix24:ClientSecret={cloud.ClientSecret}",
        // Injected 5xx are answered at once; a short back-off keeps retries from stalling a test.
        "--Bitrix24:Retry:TransientBaseDelay=00:00:00.050",
    ];

    public AppDbContext Db() =>
        Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
