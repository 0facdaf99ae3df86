using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Journal;

public class LastSuccessTests
{
    private const string Member = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /// <summary>A journal on a test database, its failed files under the database's folder (shared by the journal tests).</summary>
    internal static ExchangeJournal Journal(TestDatabase database, TimeProvider time)
    {
        var options = Options.Create(new OneCExchangeOptions { ExchangeRoot = Path.Combine(database.Directory, "1c") });
        var failed = new FailedFiles(database, new UploadStore(options), options, time, NullLogger<FailedFiles>.Instance);
        return new ExchangeJournal(database, failed, time);
    }

    [Fact]
    public async Task Last_success_is_found_behind_many_failed_sessions_and_ignores_other_portals_running_sessions_and_replays()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var journal = Journal(database, time);
        var good = await journal.StartAsync(Member, "s-good", "catalog", default);
        time.Advance(TimeSpan.FromSeconds(30));
        await journal.RecordFileAsync(good, "import0_1.xml", ImportCounts.Empty with { Products = 3 }, 3, null, default);
        await journal.CompleteAsync(good, default);
        // More failed sessions than the page's old "last 50" window.
        for (var i = 0; i < 60; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            var bad = await journal.StartAsync(Member, "s-bad-" + i, "catalog", default);
            await journal.RecordErrorAsync(bad, "offers0_1.xml", "Битый архив", default);
        }
        time.Advance(TimeSpan.FromMinutes(1));
        await journal.StartAsync(Member, "s-running", "sale", default);
        var otherPortal = await journal.StartAsync("ffffffffffffffffffffffffffffffff", "s-other", "catalog", default);
        await journal.RecordFileAsync(otherPortal, "import.xml", ImportCounts.Empty, 0, null, default);
        var replay = await journal.StartReplayAsync(new FailedFileRecord
        {
            Id = "f1", MemberId = Member, SessionId = "s-bad-1", JournalId = "j", ExchangeType = "catalog", FileName = "offers0_1.xml",
            Reason = "r", Status = FailedFiles.Failed,
        }, default);
        await journal.RecordFileAsync(replay, "offers0_1.xml", ImportCounts.Empty with { Offers = 1 }, 1, null, default);

        var last = await journal.LastSuccessAsync(Member, default);

        last!.Id.Should().Be(good);
        last.Status.Should().Be(ExchangeJournal.Completed);
        last.FinishedAt.Should().Be(new DateTimeOffset(2026, 11, 1, 8, 0, 30, TimeSpan.Zero).ToUnixTimeMilliseconds());
        (await journal.LastSuccessAsync("00000000000000000000000000000000", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_session_with_a_clean_file_counts_before_it_completes_and_the_newer_of_both_statuses_wins()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var journal = Journal(database, time);
        var completed = await journal.StartAsync(Member, "s1", "catalog", default);
        await journal.CompleteAsync(completed, default);
        time.Advance(TimeSpan.FromHours(1));
        var inFlight = await journal.StartAsync(Member, "s2", "sale", default);
        await journal.RecordFileAsync(inFlight, "orders-1_1.xml", ImportCounts.Empty with { Documents = 2 }, 2, null, default);

        (await journal.LastSuccessAsync(Member, default))!.Id.Should().Be(inFlight);
    }
}
