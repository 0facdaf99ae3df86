using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WineB24.OneCConnector.Storage;

/// <summary>
/// Registers <see cref="OneCDbContext"/> on the app's database: <c>ConnectionStrings:Default</c> and
/// <c>Database:Provider</c> (<c>Sqlite</c> default, or <c>Postgres</c>) — the same keys the app reads — and
/// migrates it when the host starts.
/// </summary>
public static class OneCStorage
{
    public const string DefaultConnectionString = "Data Source=data/wineb24.db";

    public static IServiceCollection AddOneCStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContextFactory<OneCDbContext>((sp, options) =>
        {
            var contentRoot = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            var postgres = string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
            Configure(options, postgres, ResolveConnectionString(configuration.GetConnectionString("Default"), postgres, contentRoot));
        });
        services.AddHostedService<OneCDatabaseMigrator>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, bool postgres, string connectionString)
    {
        if (postgres)
        {
            options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(OneCDbContext.MigrationsHistoryTable));
        }
        else
        {
            options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(OneCDbContext.MigrationsHistoryTable));
        }
        // Hand-written migrations have no model snapshot, so EF cannot diff them; OneCStorageTests compare instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Makes a relative SQLite path absolute against the content root and creates its folder.</summary>
    public static string ResolveConnectionString(string? configured, bool postgres, string contentRoot)
    {
        var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
        if (postgres)
        {
            return connectionString;
        }
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }
        var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}

/// <summary>Applies the connector's pending migrations (idempotent) before the endpoint serves requests.</summary>
internal sealed class OneCDatabaseMigrator(IDbContextFactory<OneCDbContext> factory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
