using System.Text;
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

public class FailedFilesCleanupTests
{
    [Fact]
    public async Task Uninstall_with_clean_removes_that_portals_failed_files_and_their_copies_only()
    {
        using var database = new TestDatabase();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var options = Options.Create(new OneCExchangeOptions { ExchangeRoot = Path.Combine(database.Directory, "1c") });
        var uploads = new UploadStore(options);
        var files = new FailedFiles(database, uploads, options, time, NullLogger<FailedFiles>.Instance);
        var journal = new ExchangeJournal(database, files, time);
        foreach (var member in new[] { "m-1", "m-2" })
        {
            var journalId = await journal.StartAsync(member, "s1", "catalog", default);
            uploads.Reset(member, "s1");
            await File.WriteAllBytesAsync(uploads.Resolve(member, "s1", "offers.xml"), Encoding.UTF8.GetBytes("<broken"));
            await journal.RecordFileAsync(journalId, "offers.xml", ImportCounts.Empty, 0, "Файл «offers.xml»: битый XML", default);
        }
        var kept = (await files.ListAsync("m-2", 5, default)).Single();
        kept.Kept.Should().BeTrue();
        kept.Bytes.Should().Be(7);

        await new OneCPortalDataCleaner(database, uploads).DeletePortalDataAsync("m-1", default);

        (await files.ListAsync("m-1", 5, default)).Should().BeEmpty();
        (await files.ListAsync("m-2", 5, default)).Should().ContainSingle();
        File.Exists(files.CopyPath("m-2", kept.Id)).Should().BeTrue();
        Directory.Exists(uploads.PortalDirectory("m-1")).Should().BeFalse();
    }
}
