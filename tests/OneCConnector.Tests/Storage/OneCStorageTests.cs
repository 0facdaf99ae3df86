using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.Storage;

public class OneCStorageTests
{
    [Fact]
    public void Hand_written_migration_creates_every_mapped_table_and_column_with_its_own_history_table()
    {
        using var database = new TestDatabase();
        using var db = database.CreateDbContext();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        connection.Open();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = new HashSet<string>();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"PRAGMA table_info(\"{table}\")";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    columns.Add(reader.GetString(1));
                }
            }
            var expected = entity.GetProperties().Select(p => p.GetColumnName()).ToList();
            columns.Should().BeEquivalentTo(expected, $"table {table} must match the model");
        }
        using var history = connection.CreateCommand();
        history.CommandText = $"SELECT MigrationId FROM \"{OneCDbContext.MigrationsHistoryTable}\"";
        history.ExecuteScalar().Should().Be("20261122090000_OneCInitialSchema");
        db.Database.GetPendingMigrations().Should().BeEmpty();
        FluentActions.Invoking(() => db.Database.Migrate()).Should().NotThrow("migrating twice is a no-op");
    }

    [Fact]
    public void Relative_sqlite_path_is_made_absolute_against_the_content_root()
    {
        using var temp = new TempDirectory();

        var resolved = OneCStorage.ResolveConnectionString("Data Source=data/app.db", postgres: false, temp.Path);

        new SqliteConnectionStringBuilder(resolved).DataSource.Should().Be(Path.Combine(temp.Path, "data", "app.db"));
        Directory.Exists(Path.Combine(temp.Path, "data")).Should().BeTrue();
        OneCStorage.ResolveConnectionString("Host=127.0.0.1;Database=x", postgres: true, temp.Path).Should().Be("Host=127.0.0.1;Database=x");
    }
}
