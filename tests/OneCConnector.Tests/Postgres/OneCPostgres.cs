using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;
using WineB24.TestSupport.Postgres;

namespace WineB24.OneCConnector.Tests.Postgres;

/// <summary>One private PostgreSQL cluster for every OneC PostgreSQL test class; each test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class OneCPostgres : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "OneC on PostgreSQL";

    public static OneCDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<OneCDbContext>();
        OneCStorage.Configure(builder, postgres: true, connectionString);
        return new OneCDbContext(builder.Options);
    }
}
