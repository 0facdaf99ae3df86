using FluentAssertions;
using Npgsql;

namespace WineB24.Bench.OneCImport.Tests;

/// <summary>
/// <c>--postgres</c> at the smoke size (a few seconds, private cluster included): the connector really stores into
/// PostgreSQL and the bench's claims hold there as on SQLite. Needs the PostgreSQL binaries (test.sh installs them).
/// </summary>
public class PostgresRunTests
{
    [Fact]
    public async Task On_postgres_the_identical_exchange_writes_nothing_and_a_changed_one_writes_exactly_its_changes()
    {
        await using var postgres = await BenchPostgres.StartAsync();
        var options = new BenchOptions(Skus: 200, Warehouses: 3, PriceTypes: 3, Scale: 20, ChangeFraction: 0.05)
        {
            VariantFraction = 0.1, Postgres = true, PostgresConnectionString = postgres.ConnectionString,
        };
        var report = await RunAsync(options);

        report.First.Failures.Should().BeEmpty();
        report.Identical.Writes.Should().Be(0);
        report.Identical.Requests.Should().Be(0);
        report.Changed.Writes.Should().Be(report.ExpectedChangedWrites);
        report.Holds.Should().BeTrue();

        // 180 simple products and 20 × 3 variants, each with stock in 3 warehouses — in PostgreSQL, not in a SQLite file.
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM onec_stock", connection);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be((180 + 60) * 3);
    }

    private static async Task<CatalogueBenchReport> RunAsync(BenchOptions options)
    {
        await using var bench = await ImportBench.StartAsync(options);
        return await CatalogueBenchRun.RunAsync(bench, options);
    }
}
