using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Tests.Fakes;

/// <summary>The real app on Kestrel 127.0.0.1 with its own temp folder (SQLite file, keys) and the fake cloud.</summary>
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
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<RunningApp> StartAsync(
        FakeCloud cloud,
        TestManifest? manifest = null,
        RecordingEventHandler? handler = null,
        RecordingDataCleaner? cleaner = null,
        string? root = null,
        string? instanceName = null,
        CapturedLogs? logs = null,
        params string[] extraArgs)
    {
        root ??= Directory.CreateTempSubdirectory("wineb24-app-").FullName;
        var port = FakeCloud.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
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
            $"--Bitrix24:OAuthServer={cloud.OAuthServer}",
            $"--Bitrix24:ClientId={FakeCloud.ClientId}",
            $"--Bitrix24:ClientSecret={FakeCloud.ClientSecret}",
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
                builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug);
            }
            builder.Services.AddSingleton<IBitrix24ClientFactory>(cloud);
            if (manifest is not null)
            {
                // These tests assert the registrar against a manifest they control, so the shipped catalogues step aside.
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
        cloud.TokenStore = app.Services.GetRequiredService<ITokenStore>();
        await app.StartAsync();
        return new RunningApp(app, root, baseUrl);
    }

    public AppDbContext Db() =>
        Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
