using FluentAssertions;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.Catalogue;

public sealed class CataloguePushLeaseTests
{
    [Fact]
    public async Task One_instance_pushes_a_portal_until_its_lease_expires()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var first = new CataloguePushLease(database, time);
        var second = new CataloguePushLease(database, time);

        (await first.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeTrue();
        (await second.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeFalse("a live holder keeps the portal");
        (await second.TryAcquireAsync("portal-b", CancellationToken.None)).Should().BeTrue("leases are per portal");
        time.Advance(TimeSpan.FromMinutes(4));
        (await first.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeTrue("the holder renews");
        time.Advance(TimeSpan.FromMinutes(4));
        (await second.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeFalse("renewed 4 minutes ago");

        time.Advance(CataloguePushLease.Duration);
        (await second.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeTrue("an expired lease is taken over");
        (await first.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeFalse("the old holder lost it");

        await second.ReleaseAsync("portal-a", CancellationToken.None);
        (await first.TryAcquireAsync("portal-a", CancellationToken.None)).Should().BeTrue("released leases are free at once");
    }
}
