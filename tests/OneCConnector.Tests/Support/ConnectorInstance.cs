using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WineB24.OneCConnector.Tests.Support;

/// <summary>
/// One app instance as <c>AddOneCConnector</c> composes it, for the multi-instance tests (SQLite file and PostgreSQL):
/// each call is a new service provider that shares only the database, the exchange root and the test's clock with
/// the others. Lockout settings are fixed (15 min) so the tests can count to them.
/// </summary>
internal static class ConnectorInstance
{
    public static ServiceProvider OnSqlite(string directory, TimeProvider time, int maxFailedLogins = 4) =>
        Build(time, directory, maxFailedLogins, new() { ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(directory, "t.db")}" });

    public static ServiceProvider OnPostgres(string connectionString, string root, TimeProvider time, int maxFailedLogins = 4) =>
        Build(time, root, maxFailedLogins, new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = connectionString });

    private static ServiceProvider Build(TimeProvider time, string root, int maxFailedLogins, Dictionary<string, string?> settings)
    {
        settings["OneC:ExchangeRoot"] = Path.Combine(root, "1c");
        settings["OneC:MaxFailedLogins"] = maxFailedLogins.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["OneC:LockoutDuration"] = "00:15:00";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddOneCConnector(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
