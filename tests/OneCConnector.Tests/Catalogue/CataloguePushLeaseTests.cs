using FluentAssertions;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.Catalogue;

[Collection(CatalogueCollection.Name)]
public sealed class CataloguePushLeaseTests
{
    [Fact]
    public async Task One_run_pushes_a_portal_until_its_lease_expires()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var lease = new CataloguePushLease(database, time);
        var (a, b) = (CataloguePushLease.NewHolder(), CataloguePushLease.NewHolder());

        (await lease.TryAcquireAsync("portal-a", a, CancellationToken.None)).Should().BeTrue();
        (await lease.TryAcquireAsync("portal-a", b, CancellationToken.None)).Should().BeFalse("a live holder keeps the portal");
        (await lease.TryAcquireAsync("portal-b", b, CancellationToken.None)).Should().BeTrue("leases are per portal");
        time.Advance(TimeSpan.FromMinutes(4));
        (await lease.TryAcquireAsync("portal-a", a, CancellationToken.None)).Should().BeTrue("the holder renews");
        time.Advance(TimeSpan.FromMinutes(4));
        (await lease.TryAcquireAsync("portal-a", b, CancellationToken.None)).Should().BeFalse("renewed 4 minutes ago");

        time.Advance(CataloguePushLease.Duration);
        (await lease.TryAcquireAsync("portal-a", b, CancellationToken.None)).Should().BeTrue("an expired lease is taken over");
        (await lease.TryAcquireAsync("portal-a", a, CancellationToken.None)).Should().BeFalse("the old holder lost it");

        await lease.ReleaseAsync("portal-a", b, CancellationToken.None);
        (await lease.TryAcquireAsync("portal-a", a, CancellationToken.None)).Should().BeTrue("released leases are free at once");
    }
}
