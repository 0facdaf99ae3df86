using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Journal;

/// <summary>What a session still waits for in Bitrix24, and which drain covers it.</summary>
public class Bitrix24DeliveryTests
{
    private const string Member = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string Other = "0f9e8d7c6b5a49382716f5e4d3c2b1a0";

    private static ExchangeJournal Journal(TestDatabase database, TimeProvider time) => LastSuccessTests.Journal(database, time);

    [Fact]
    public async Task A_drain_covers_work_queued_before_it_began_of_its_own_kind_and_portal_only()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var journal = Journal(database, time);
        var both = await journal.StartAsync(Member, "s-both", "catalog", default);
        await journal.MarkAwaitingAsync(Member, "s-both", Bitrix24Work.Catalogue, default);
        await journal.MarkAwaitingAsync(Member, "s-both", Bitrix24Work.Sale, default);
        var other = await journal.StartAsync(Other, "s-other", "catalog", default);
        await journal.MarkAwaitingAsync(Other, "s-other", Bitrix24Work.Catalogue, default);
        time.Advance(TimeSpan.FromSeconds(5));
        var drainStarted = time.GetUtcNow().ToUnixTimeMilliseconds();
        var atStart = await journal.StartAsync(Member, "s-at-start", "catalog", default);
        await journal.MarkAwaitingAsync(Member, "s-at-start", Bitrix24Work.Catalogue, default);
        time.Advance(TimeSpan.FromSeconds(5));
        var late = await journal.StartAsync(Member, "s-late", "catalog", default);
        await journal.MarkAwaitingAsync(Member, "s-late", Bitrix24Work.Catalogue, default);
        time.Advance(TimeSpan.FromSeconds(20));

        await journal.MarkAppliedAsync(Member, Bitrix24Work.Catalogue, drainStarted, default);

        (await Row(database, both)).Should().Match<ExchangeJournalRecord>(r => r.AwaitingBitrix24 == (int)Bitrix24Work.Sale && r.AppliedAt == null,
            "its sale part is still in the inbox");
        (await Row(database, atStart)).AwaitingBitrix24.Should().Be(0, "marked in the millisecond the drain began: its rows were committed before");
        (await Row(database, late)).AwaitingBitrix24.Should().Be((int)Bitrix24Work.Catalogue, "queued after the drain began");
        (await Row(database, other)).AwaitingBitrix24.Should().Be((int)Bitrix24Work.Catalogue, "another portal's drain");
        (await journal.PortalsAwaitingAsync(Bitrix24Work.Sale, default)).Should().Equal(Member);
        (await journal.OldestAwaitingAsync(Member, default))!.Id.Should().Be(both);

        await journal.MarkAppliedAsync(Member, Bitrix24Work.Sale, time.GetUtcNow().ToUnixTimeMilliseconds(), default);

        var done = await Row(database, both);
        done.AwaitingBitrix24.Should().Be(0);
        done.AppliedAt.Should().Be(time.GetUtcNow().ToUnixTimeMilliseconds());
        (done.AppliedAt - done.AwaitingSince).Should().Be(30_000, "the lag: from the last queued file to the data in Bitrix24");
    }

    [Fact]
    public async Task Queuing_again_after_delivery_waits_again()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var journal = Journal(database, time);
        var id = await journal.StartAsync(Member, "s-1", "catalog", default);
        await journal.MarkAwaitingAsync(Member, "s-1", Bitrix24Work.Catalogue, default);
        time.Advance(TimeSpan.FromSeconds(1));
        await journal.MarkAppliedAsync(Member, Bitrix24Work.Catalogue, time.GetUtcNow().ToUnixTimeMilliseconds(), default);
        time.Advance(TimeSpan.FromSeconds(1));

        await journal.MarkAwaitingAsync(Member, "s-1", Bitrix24Work.Catalogue, default);

        (await Row(database, id)).Should().Match<ExchangeJournalRecord>(r => r.AwaitingBitrix24 == 1 && r.AppliedAt == null);
    }

    private static async Task<ExchangeJournalRecord> Row(TestDatabase database, string id)
    {
        await using var db = database.CreateDbContext();
        return await db.Journal.AsNoTracking().SingleAsync(j => j.Id == id);
    }
}
