using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Tests.Storage;

/// <summary>
/// The check of migration <c>OneCPortalLeases</c> on either provider: leases held in <c>onec_catalogue_push_leases</c>
/// (the catalogue's keyed by member id, the sale inbox's by <c>sale:&lt;member id&gt;</c>) come out as
/// (member id, purpose) rows, and Down writes the old keys back.
/// </summary>
internal static class PortalLeaseMigration
{
    public const string Id = "20261129211500_OneCPortalLeases";

    public static async Task CarriesLeasesOverAsync(OneCDbContext db)
    {
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.IndexOf(Id) - 1];
        await migrator.MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO onec_catalogue_push_leases (member_id, holder, expires_at) VALUES
              ('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'host:1:push', 1000),
              ('sale:a1b2c3d4e5f60718293a4b5c6d7e8f90', 'host:2:inbox', 2000),
              ('sale:0f9e8d7c6b5a49382716051423324150', 'host:2:inbox', 3000)
            """);

        await migrator.MigrateAsync(Id);

        (await db.PortalLeases.AsNoTracking().OrderBy(l => l.ExpiresAt).Select(l => new { l.MemberId, l.Purpose, l.Holder, l.ExpiresAt }).ToListAsync())
            .Should().Equal(
                new { MemberId = "a1b2c3d4e5f60718293a4b5c6d7e8f90", Purpose = PortalLease.CataloguePush, Holder = "host:1:push", ExpiresAt = 1000L },
                new { MemberId = "a1b2c3d4e5f60718293a4b5c6d7e8f90", Purpose = PortalLease.SaleInbox, Holder = "host:2:inbox", ExpiresAt = 2000L },
                new { MemberId = "0f9e8d7c6b5a49382716051423324150", Purpose = PortalLease.SaleInbox, Holder = "host:2:inbox", ExpiresAt = 3000L });

        await migrator.MigrateAsync(before);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT member_id || '|' || holder FROM onec_catalogue_push_leases ORDER BY expires_at";
            var old = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) old.Add(reader.GetString(0));
            }
            old.Should().Equal("a1b2c3d4e5f60718293a4b5c6d7e8f90|host:1:push", "sale:a1b2c3d4e5f60718293a4b5c6d7e8f90|host:2:inbox",
                "sale:0f9e8d7c6b5a49382716051423324150|host:2:inbox");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await migrator.MigrateAsync();
        (await db.PortalLeases.CountAsync()).Should().Be(3, "up again after down");
    }
}
