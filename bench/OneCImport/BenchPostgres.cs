using Npgsql;
using WineB24.TestSupport.Postgres;

namespace WineB24.Bench.OneCImport;

/// <summary>
/// <c>--postgres</c>: a private PostgreSQL cluster (the test projects' <see cref="PrivatePostgres"/>) with one database
/// for the bench. Connection pooling is on, as in the app (the test fixture's strings turn it off so that databases
/// can be dropped at once); without it every DbContext would pay a backend start-up and the figures would be a test
/// artefact, not the connector's.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly PrivatePostgres cluster = new();

    public string ConnectionString { get; private set; } = "";

    public static async Task<BenchPostgres> StartAsync()
    {
        var bench = new BenchPostgres();
        await bench.cluster.InitializeAsync();
        var builder = new NpgsqlConnectionStringBuilder(await bench.cluster.CreateDatabaseAsync()) { Pooling = true };
        bench.ConnectionString = builder.ConnectionString;
        return bench;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await cluster.DisposeAsync();
    }
}
