using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Storage;
using WineB24.TestSupport.Postgres;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>
/// The hand-written migrations on PostgreSQL. Without the EF design package there is no model snapshot to diff, so the
/// migrated catalog is compared with the model column by column (PostgreSQL type, nullability), key by key and index by
/// index, and every entity set takes a row and gives it back unchanged.
/// </summary>
[Collection(OneCPostgres.Name)]
public sealed class OneCMigrationsOnPostgresTests(PrivatePostgres postgres)
{
    [Fact]
    public async Task From_empty_every_migration_applies_and_the_schema_is_exactly_the_model()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var db = OneCPostgres.Context(connectionString))
        {
            await db.Database.MigrateAsync();
            (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        }
        await using (var again = OneCPostgres.Context(connectionString))
        {
            await again.Invoking(d => d.Database.MigrateAsync()).Should().NotThrowAsync("migrating twice is a no-op");
        }

        await using var model = OneCPostgres.Context(connectionString);
        var schema = await PostgresSchema.ReadAsync(connectionString);
        var problems = Compare(model.Model, schema);
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_entity_set_stores_and_returns_a_row_unchanged()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var db = OneCPostgres.Context(connectionString))
        {
            await db.Database.MigrateAsync();
        }
        var entities = OneCPostgres.Context(connectionString).Model.GetEntityTypes().ToList();
        var written = new Dictionary<IEntityType, List<object>>();
        await using (var db = OneCPostgres.Context(connectionString))
        {
            foreach (var entity in entities)
            {
                written[entity] = [EntitySamples.Create(entity, "p1", 1), EntitySamples.Create(entity, "p2", 2)];
                db.AddRange(written[entity]);
            }
            await db.SaveChangesAsync();
        }

        await using var read = OneCPostgres.Context(connectionString);
        foreach (var entity in read.Model.GetEntityTypes())
        {
            var rows = EntitySamples.ReadAll(read, entity);
            rows.Should().HaveCount(2, entity.GetTableName());
            var expected = written.Single(w => w.Key.ClrType == entity.ClrType).Value;
            foreach (var row in expected)
            {
                rows.Any(r => EntitySamples.SameValues(entity, row, r, out _)).Should().BeTrue(
                    $"{entity.GetTableName()} must return what was written ({(EntitySamples.SameValues(entity, row, rows[0], out var d) ? "" : d)})");
            }
        }
    }

    [Fact]
    public async Task Step_by_step_from_the_initial_schema_keeps_data_and_ends_where_a_fresh_database_does_and_down_undoes_it()
    {
        var fresh = await postgres.CreateDatabaseAsync();
        await using (var db = OneCPostgres.Context(fresh))
        {
            await db.Database.MigrateAsync();
        }
        var stepped = await postgres.CreateDatabaseAsync();
        await using var context = OneCPostgres.Context(stepped);
        var migrator = context.GetService<IMigrator>();
        var migrations = context.Database.GetMigrations().ToList();
        migrations[0].Should().EndWith("_OneCInitialSchema");

        await migrator.MigrateAsync(migrations[0]);
        await ExecuteAsync(stepped, """
            INSERT INTO onec_journal (id, member_id, session_id, exchange_type, started_at, status, files, products, offers, prices, stocks, documents, counterparties, changes)
            VALUES ('j1', 'p1', 's1', 'catalog', 1, 'success', 'import.xml', 1, 0, 0, 0, 0, 0, 1)
            """);
        foreach (var migration in migrations.Skip(1))
        {
            await migrator.MigrateAsync(migration);
            (await context.Database.GetAppliedMigrationsAsync()).Last().Should().Be(migration);
        }

        (await PostgresSchema.ReadAsync(stepped)).Describe().Should().Be((await PostgresSchema.ReadAsync(fresh)).Describe());
        var journal = await context.Journal.AsNoTracking().SingleAsync();
        (journal.MemberId, journal.Files, journal.ReplayOf).Should().Be(("p1", "import.xml", (string?)null));

        // Down: back to the initial schema, then forward again.
        await migrator.MigrateAsync(migrations[0]);
        var initial = await PostgresSchema.ReadAsync(stepped);
        initial.Tables.Keys.Where(t => t.StartsWith("onec_", StringComparison.Ordinal)).Should().BeEquivalentTo(
            "onec_credentials", "onec_sessions", "onec_journal", "onec_stock", "onec_prices", "onec_price_types", "onec_warehouses");
        initial.Tables["onec_journal"].Keys.Should().NotContain("replay_of");
        await migrator.MigrateAsync();
        (await PostgresSchema.ReadAsync(stepped)).Describe().Should().Be((await PostgresSchema.ReadAsync(fresh)).Describe());
    }

    [Fact]
    public async Task The_portal_lease_migration_carries_live_leases_over_and_down_restores_the_old_keys()
    {
        await using var db = OneCPostgres.Context(await postgres.CreateDatabaseAsync());
        await PortalLeaseMigration.CarriesLeasesOverAsync(db);
    }

    /// <summary>Every difference between the model and the migrated catalog, as sentences (empty when they match).</summary>
    private static List<string> Compare(IModel model, PostgresSchema schema)
    {
        var problems = new List<string>();
        var modelIndexes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            if (!schema.Tables.TryGetValue(table, out var columns))
            {
                problems.Add($"table {table} is missing");
                continue;
            }
            var mapped = entity.GetProperties().ToDictionary(p => p.GetColumnName(), StringComparer.Ordinal);
            problems.AddRange(columns.Keys.Except(mapped.Keys).Select(c => $"{table}.{c} exists but is not mapped"));
            foreach (var (column, property) in mapped)
            {
                if (!columns.TryGetValue(column, out var actual))
                {
                    problems.Add($"{table}.{column} is missing");
                    continue;
                }
                if (actual.Type != property.GetColumnType())
                {
                    problems.Add($"{table}.{column} is {actual.Type}, the model says {property.GetColumnType()}");
                }
                if (actual.NotNull == property.IsNullable)
                {
                    problems.Add($"{table}.{column} is {(actual.NotNull ? "NOT NULL" : "NULL")}, the model says {(property.IsNullable ? "NULL" : "NOT NULL")}");
                }
            }
            var key = entity.FindPrimaryKey()!;
            Expect(key.GetName()!, table, unique: true, key.Properties);
            foreach (var index in entity.GetIndexes())
            {
                Expect(index.GetDatabaseName()!, table, index.IsUnique, index.Properties);
            }
        }
        problems.AddRange(schema.Indexes.Where(i => !modelIndexes.Contains(i.Key) && !i.Value.Table.StartsWith("__", StringComparison.Ordinal))
            .Select(i => $"index {i.Key} exists but is not in the model"));
        problems.AddRange(schema.Tables.Keys.Where(t => !t.StartsWith("__", StringComparison.Ordinal) && model.GetEntityTypes().All(e => e.GetTableName() != t))
            .Select(t => $"table {t} exists but is not in the model"));
        return problems;

        void Expect(string name, string table, bool unique, IReadOnlyList<IProperty> properties)
        {
            modelIndexes.Add(name);
            var definition = $"CREATE {(unique ? "UNIQUE " : "")}INDEX {name} ON public.{table} USING btree ({string.Join(", ", properties.Select(p => p.GetColumnName()))})";
            if (!schema.Indexes.TryGetValue(name, out var actual))
            {
                problems.Add($"index {name} on {table} is missing");
            }
            else if (actual.Definition != definition)
            {
                problems.Add($"index {name}: {actual.Definition}, the model says {definition}");
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
