using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Tests.Support;

/// <summary>The connector on a real Kestrel host bound to 127.0.0.1 on an ephemeral port, with a temp SQLite file.</summary>
internal sealed class ExchangeHost : IAsyncDisposable
{
    public const string MemberId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public const string Login = "wine-test";
    public const string Password = "correct-horse-battery";

    private readonly TempDirectory temp = new();

    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    public string Root => temp.Path;
    public ListLoggerProvider Logs { get; } = new();

    public static async Task<ExchangeHost> StartAsync(Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    {
        var host = new ExchangeHost();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = host.temp.Path, EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(host.Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(host.temp.Path, "app.db")}",
            ["OneC:ExchangeRoot"] = "data/1c",
            ["OneC:FileLimitBytes"] = (64 * 1024).ToString(),
            ["OneC:ImportStepBudget"] = "00:00:10",
            [$"OneC:Portals:{MemberId}:Login"] = Login,
            [$"OneC:Portals:{MemberId}:Password"] = Password,
        };
        foreach (var (k, v) in settings ?? [])
        {
            config[k] = v;
        }
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton<TimeProvider>(host.Time);
        builder.Services.AddOneCConnector(builder.Configuration);
        // The module's OData schedules live on the host's Quartz scheduler (in memory here, nothing is scheduled).
        builder.Services.AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = "exchange-" + Guid.NewGuid().ToString("N")));
        services?.Invoke(builder.Services);
        host.App = builder.Build();
        host.App.MapOneCConnector();
        try
        {
            await host.App.StartAsync();
        }
        catch
        {
            await host.App.DisposeAsync();
            SqliteConnection.ClearAllPools();
            host.temp.Dispose();
            throw;
        }
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address);
        return host;
    }

    public OneCClient NewClient(string login = Login, string password = Password) => new(BaseAddress, login, password);

    public OneCDbContext Db() => App.Services.GetRequiredService<IDbContextFactory<OneCDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }
}
