using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Tests.Support;

/// <summary>A migrated SQLite file in a temp directory with a context factory, for tests below the HTTP layer.</summary>
internal sealed class TestDatabase : IDbContextFactory<OneCDbContext>, IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly DbContextOptions<OneCDbContext> options;

    public TestDatabase()
    {
        var builder = new DbContextOptionsBuilder<OneCDbContext>();
        OneCStorage.Configure(builder, postgres: false, $"Data Source={Path.Combine(temp.Path, "t.db")}");
        options = builder.Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public string Directory => temp.Path;

    public OneCDbContext CreateDbContext() => new(options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }
}
