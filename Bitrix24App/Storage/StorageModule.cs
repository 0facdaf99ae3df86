using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace WineB24.Bitrix24App.Storage;

/// <summary>Registers <see cref="AppDbContext"/> on SQLite (default) or PostgreSQL and applies migrations at start.</summary>
public static class StorageModule
{
    public static IServiceCollection AddAppStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(o => o.ConnectionString = ResolveConnectionString(
                configuration.GetConnectionString("Default"), o.Provider, contentRoot))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContextFactory<AppDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            Configure(options, database);
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(database.ConnectionString, o => o.MigrationsHistoryTable(AppDbContext.MigrationsHistoryTable));
                break;
            default:
                options.UseSqlite(database.ConnectionString, o => o.MigrationsHistoryTable(AppDbContext.MigrationsHistoryTable));
                break;
        }
        // The migrations are hand-written without a model snapshot, so EF cannot diff them against the model;
        // StorageSchemaTests compares the migrated tables with the model instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Applies pending migrations (idempotent). On SQLite switches the file to WAL so Quartz and EF, which share
    /// the file, do not block each other's readers.
    /// </summary>
    public static void MigrateAppDatabase(this IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        using var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            db.Database.OpenConnection();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        db.Database.Migrate();
    }

    /// <summary>Makes a relative SQLite path absolute against the content root and creates its folder.</summary>
    public static string ResolveConnectionString(string? configured, DatabaseProvider provider, string contentRoot)
    {
        var connectionString = string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultConnectionString : configured;
        if (provider != DatabaseProvider.Sqlite)
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
