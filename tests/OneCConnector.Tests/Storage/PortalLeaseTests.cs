using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.Storage;

public sealed class PortalLeaseTests
{
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task One_holder_works_on_a_portal_until_its_lease_expires()
    {
        using var database = new TestDatabase();
        var lease = new PortalLease(database, time);
        var (a, b) = (PortalLease.NewHolder(), PortalLease.NewHolder());
        const string push = PortalLease.CataloguePush;

        (await lease.TryAcquireAsync("portal-a", push, a, CancellationToken.None)).Should().BeTrue();
        (await lease.TryAcquireAsync("portal-a", push, b, CancellationToken.None)).Should().BeFalse("a live holder keeps the portal");
        (await lease.TryAcquireAsync("portal-b", push, b, CancellationToken.None)).Should().BeTrue("leases are per portal");
        time.Advance(TimeSpan.FromMinutes(4));
        (await lease.TryAcquireAsync("portal-a", push, a, CancellationToken.None)).Should().BeTrue("the holder renews");
        time.Advance(TimeSpan.FromMinutes(4));
        (await lease.TryAcquireAsync("portal-a", push, b, CancellationToken.None)).Should().BeFalse("renewed 4 minutes ago");

        time.Advance(PortalLease.Duration);
        (await lease.TryAcquireAsync("portal-a", push, b, CancellationToken.None)).Should().BeTrue("an expired lease is taken over");
        (await lease.TryAcquireAsync("portal-a", push, a, CancellationToken.None)).Should().BeFalse("the old holder lost it");

        await lease.ReleaseAsync("portal-a", push, b, CancellationToken.None);
        (await lease.TryAcquireAsync("portal-a", push, a, CancellationToken.None)).Should().BeTrue("released leases are free at once");
    }

    [Fact]
    public async Task A_portal_s_purposes_are_leased_independently_and_released_one_by_one()
    {
        using var database = new TestDatabase();
        var lease = new PortalLease(database, time);
        var (pusher, inbox, other) = (PortalLease.NewHolder(), PortalLease.NewHolder(), PortalLease.NewHolder());

        (await lease.TryAcquireAsync("portal-a", PortalLease.CataloguePush, pusher, default)).Should().BeTrue();
        (await lease.TryAcquireAsync("portal-a", PortalLease.SaleInbox, inbox, default)).Should().BeTrue("the sale inbox runs beside a catalogue push");
        (await lease.TryAcquireAsync("portal-a", PortalLease.SaleInbox, other, default)).Should().BeFalse();

        await lease.ReleaseAsync("portal-a", PortalLease.CataloguePush, inbox, default);
        (await lease.TryAcquireAsync("portal-a", PortalLease.CataloguePush, other, default)).Should().BeFalse("only the holder releases");
        await lease.ReleaseAsync("portal-a", PortalLease.CataloguePush, pusher, default);
        (await lease.TryAcquireAsync("portal-a", PortalLease.CataloguePush, other, default)).Should().BeTrue();
        (await lease.TryAcquireAsync("portal-a", PortalLease.SaleInbox, other, default)).Should().BeFalse("releasing one purpose leaves the other held");

        await using var db = database.CreateDbContext();
        (await db.PortalLeases.Select(l => new { l.MemberId, l.Purpose }).ToListAsync())
            .Should().BeEquivalentTo([new { MemberId = "portal-a", Purpose = "catalogue" }, new { MemberId = "portal-a", Purpose = "sale" }]);
    }

    [Fact]
    public async Task Uninstall_with_clean_removes_every_lease_of_the_portal_and_no_other_portal_s()
    {
        using var database = new TestDatabase();
        var lease = new PortalLease(database, time);
        foreach (var member in new[] { "portal-a", "portal-b" })
        {
            (await lease.TryAcquireAsync(member, PortalLease.CataloguePush, "crashed", default)).Should().BeTrue();
            (await lease.TryAcquireAsync(member, PortalLease.SaleInbox, "crashed", default)).Should().BeTrue();
        }
        using var temp = new TempDirectory();
        var uploads = new UploadStore(Microsoft.Extensions.Options.Options.Create(new OneCExchangeOptions { ExchangeRoot = temp.Path }));

        await new OneCPortalDataCleaner(database, uploads).DeletePortalDataAsync("portal-a", default);

        await using var db = database.CreateDbContext();
        (await db.PortalLeases.Select(l => l.MemberId).ToListAsync()).Should().Equal("portal-b", "portal-b");
    }

    [Fact]
    public async Task The_rename_migration_carries_live_leases_over_on_SQLite_and_down_restores_the_old_keys()
    {
        using var temp = new TempDirectory();
        var builder = new DbContextOptionsBuilder<OneCDbContext>();
        OneCStorage.Configure(builder, postgres: false, $"Data Source={Path.Combine(temp.Path, "t.db")}");
        await using var db = new OneCDbContext(builder.Options);

        await PortalLeaseMigration.CarriesLeasesOverAsync(db);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
