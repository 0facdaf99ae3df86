using Npgsql;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>What a PostgreSQL database actually holds: columns (type as PostgreSQL spells it, nullability) and indexes.</summary>
internal sealed record PostgresSchema(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string Type, bool NotNull)>> Tables,
    IReadOnlyDictionary<string, (string Table, string Definition)> Indexes)
{
    public static async Task<PostgresSchema> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new Dictionary<string, Dictionary<string, (string, bool)>>();
        await using (var columns = new NpgsqlCommand("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!tables.TryGetValue(table, out var map))
                {
                    tables[table] = map = new Dictionary<string, (string, bool)>();
                }
                map[reader.GetString(1)] = (reader.GetString(2), reader.GetBoolean(3));
            }
        }
        var indexes = new Dictionary<string, (string, string)>();
        await using (var command = new NpgsqlCommand("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes[reader.GetString(1)] = (reader.GetString(0), reader.GetString(2).Replace("\"", ""));
            }
        }
        return new PostgresSchema(
            tables.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, (string, bool)>)t.Value),
            indexes);
    }

    /// <summary>A stable text form, to compare two databases (fresh vs. migrated step by step).</summary>
    public string Describe() => string.Join('\n',
        Tables.OrderBy(t => t.Key, StringComparer.Ordinal).SelectMany(t => t.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{t.Key}.{c.Key} {c.Value.Type} {(c.Value.NotNull ? "NOT NULL" : "NULL")}"))
            .Concat(Indexes.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value.Definition)));
}
