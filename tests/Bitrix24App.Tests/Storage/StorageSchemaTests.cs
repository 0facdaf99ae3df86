using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24App.Storage;

namespace WineB24.Bitrix24App.Tests.Storage;

public sealed class StorageSchemaTests
{
    private static AppDbContext NewContext(string path)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        StorageModule.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
        return new AppDbContext(options.Options);
    }

    private static string TempDb() => Path.Combine(Directory.CreateTempSubdirectory("wineb24-db-").FullName, "t.db");

    [Fact]
    public void Migrations_apply_on_a_fresh_database_and_a_second_run_changes_nothing()
    {
        var path = TempDb();
        using (var db = NewContext(path))
        {
            db.Database.Migrate();
        }
        using (var db = NewContext(path))
        {
            db.Database.GetPendingMigrations().Should().BeEmpty();
            db.Database.Migrate();
            db.Database.GetAppliedMigrations().Should().HaveCount(db.Database.GetMigrations().Count());
        }
    }

    [Fact]
    public void Migrated_tables_have_exactly_the_columns_the_model_maps()
    {
        var path = TempDb();
        using var db = NewContext(path);
        db.Database.Migrate();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var modelColumns = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
            var dbColumns = new HashSet<string>();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA table_info({table})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                dbColumns.Add(reader.GetString(1));
            }
            dbColumns.Should().BeEquivalentTo(modelColumns, $"table {table} must match the model");
        }
    }

    [Fact]
    public async Task Every_column_round_trips_including_instants_and_nulls()
    {
        var path = TempDb();
        await using (var db = NewContext(path))
        {
            await db.Database.MigrateAsync();
            db.Portals.Add(new PortalRecord
            {
                MemberId = "m1", Domain = "вино.bitrix24.ru", ClientEndpoint = "https://x/rest/", Language = "ru", AppVersion = 3,
                AppStatus = "P", License = "ru_ent250", LicenseFamily = "ent", Installed = true,
                InstalledAt = DateTimeOffset.FromUnixTimeMilliseconds(1767225600123), UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1767225600999),
                AccessTokenExpiresAt = null, TokenVersion = 7,
            });
            db.InboundEvents.Add(new InboundEventRecord { MemberId = "m1", EventName = "ONCRMLEADADD", DataJson = "{\"FIELDS\":{\"ID\":\"Ёлка\"}}", ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(5) });
            db.InboundEvents.Add(new InboundEventRecord { MemberId = "m1", EventName = "ONCRMLEADADD", ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(6), ProcessedAt = DateTimeOffset.FromUnixTimeMilliseconds(9) });
            await db.SaveChangesAsync();
        }
        await using (var db = NewContext(path))
        {
            var portal = await db.Portals.SingleAsync();
            portal.Domain.Should().Be("вино.bitrix24.ru");
            portal.InstalledAt.ToUnixTimeMilliseconds().Should().Be(1767225600123);
            portal.AccessTokenExpiresAt.Should().BeNull();
            portal.TokenVersion.Should().Be(7);
            var events = await db.InboundEvents.OrderBy(e => e.Id).ToListAsync();
            events.Select(e => e.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            events[0].DataJson.Should().Contain("Ёлка");
            events[1].ProcessedAt!.Value.ToUnixTimeMilliseconds().Should().Be(9);
            (await db.InboundEvents.CountAsync(e => e.ReceivedAt > DateTimeOffset.FromUnixTimeMilliseconds(5))).Should().Be(1, "instants compare in SQL");
        }
    }

    [Fact]
    public void Relative_sqlite_paths_resolve_against_the_content_root_and_the_folder_is_created()
    {
        var root = Directory.CreateTempSubdirectory("wineb24-root-").FullName;
        var resolved = StorageModule.ResolveConnectionString(null, DatabaseProvider.Sqlite, root);
        new SqliteConnectionStringBuilder(resolved).DataSource.Should().Be(Path.Combine(root, "data", "wineb24.db"));
        Directory.Exists(Path.Combine(root, "data")).Should().BeTrue();
        StorageModule.ResolveConnectionString("Host=db;Database=x", DatabaseProvider.Postgres, root).Should().Be("Host=db;Database=x");
    }
}
