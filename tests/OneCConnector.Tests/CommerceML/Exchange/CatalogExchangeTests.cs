using System.IO.Compression;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

/// <summary>The <c>type=catalog</c> sequence over a real loopback Kestrel host, as УТ 11.5 drives it.</summary>
public class CatalogExchangeTests
{
    private static byte[] FixtureBytes(string relative) => File.ReadAllBytes(Fixture.PathOf(relative));

    [Fact]
    public async Task Checkauth_answers_five_lines_with_cookie_sessid_and_timestamp()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();

        var lines = await client.CheckAuthAsync("catalog");

        lines.Should().HaveCount(5);
        lines[0].Should().Be("success");
        lines[1].Should().Be("WINEB24_1C");
        lines[2].Should().NotBeNullOrEmpty();
        lines[3].Should().MatchRegex("^sessid=[0-9a-f]{32}$");
        lines[4].Should().Be("timestamp=" + host.Time.GetUtcNow().ToUnixTimeSeconds());
        client.LastResponse!.Content.Headers.ContentType!.ToString().Should().Be("text/plain; charset=utf-8");
    }

    [Fact]
    public async Task Init_answers_exactly_two_lines_without_version_and_four_with_it()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        var auth = await client.CheckAuthAsync("catalog");

        var plain = await client.GetAsync("type=catalog&mode=init");
        var versioned = await client.GetAsync("type=catalog&mode=init&version=3.1");

        plain.Should().Equal("zip=yes", "file_limit=65536");
        versioned.Should().Equal("zip=yes", "file_limit=65536", auth[3], "version=3.1");
    }

    [Fact]
    public async Task Full_run_appends_chunks_imports_with_progress_loop_and_stores_stock_per_warehouse()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");

        var rests = FixtureBytes("bitrix-3.1/goods/rests.xml");
        (await client.PostFileAsync("catalog", "import.xml", FixtureBytes("bitrix-3.1/import.xml")))[0].Should().Be("success");
        var chunks = await client.UploadAsync("catalog", "000000001/goods/1/rests___b2d6.xml", rests, 64 * 1024);
        chunks.Should().HaveCount(4).And.OnlyContain(r => r[0] == "success");

        (await client.ImportAsync("catalog", "import.xml")).Last()[0].Should().Be("success");
        var restsImport = await client.ImportAsync("catalog", "000000001/goods/1/rests___b2d6.xml");
        (await client.GetAsync("type=catalog&mode=complete"))[0].Should().Be("success");

        restsImport.Last()[0].Should().Be("success");
        await using var db = host.Db();
        (await db.Stocks.CountAsync()).Should().Be(1032, "86 offers × 12 warehouses (grep -c '<Остаток>' = 1032)");
        (await db.Warehouses.CountAsync()).Should().Be(12);
        (await db.PriceTypes.CountAsync()).Should().Be(8);
        var journal = await db.Journal.SingleAsync();
        journal.Status.Should().Be("completed");
        journal.Offers.Should().Be(86);
        journal.Stocks.Should().Be(1032);
        journal.Changes.Should().Be(12 + 8 + 1032);
        journal.Files.Should().Contain("import.xml").And.Contain("rests___b2d6.xml");
    }

    [Fact]
    public async Task Resending_the_same_files_changes_nothing()
    {
        await using var host = await ExchangeHost.StartAsync();
        for (var run = 0; run < 2; run++)
        {
            using var client = host.NewClient();
            await client.CheckAuthAsync("catalog");
            await client.GetAsync("type=catalog&mode=init");
            await client.PostFileAsync("catalog", "import.xml", FixtureBytes("bitrix-3.1/import.xml"));
            await client.PostFileAsync("catalog", "prices.xml", FixtureBytes("bitrix-3.1/goods/prices.xml"));
            (await client.ImportAsync("catalog", "import.xml")).Last()[0].Should().Be("success");
            (await client.ImportAsync("catalog", "prices.xml")).Last()[0].Should().Be("success");
            (await client.GetAsync("type=catalog&mode=complete"))[0].Should().Be("success");
            host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await using var db = host.Db();
        var journals = await db.Journal.OrderBy(j => j.StartedAt).ToListAsync();
        journals.Select(j => j.Changes).Should().Equal(8 + 12 + 86, 0);
        var prices = await db.Prices.ToListAsync();
        prices.Should().HaveCount(86);
        prices.Should().OnlyContain(p => p.UpdatedAt == journals[0].StartedAt, "the second run touched no row");
        prices.Should().Contain(p => p.OfferId == "235ccc6d-ab81-11e4-944a-00155d020201#a5abd77f-93f6-11e5-9468-00155d020201" && p.Price == 2042.66m);
    }

    [Fact]
    public async Task Zip_upload_is_unpacked_on_first_import_with_progress_and_files_are_imported_by_original_names()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");
        var zip = Zip(("import.xml", FixtureBytes("bitrix-3.1/import.xml")), ("goods/1/prices.xml", FixtureBytes("bitrix-3.1/goods/prices.xml")),
            ("import_files/75/picture.jpg", [0xFF, 0xD8, 0xFF, 0xE0]));

        (await client.UploadAsync("catalog", "v8_2C7E_125d5b.zip", zip, 8 * 1024)).Should().OnlyContain(r => r[0] == "success");
        var first = await client.ImportAsync("catalog", "import.xml");
        var second = await client.ImportAsync("catalog", "goods/1/prices.xml");

        first[0][0].Should().Be("progress", "the first import call unpacks the archive");
        first.Last()[0].Should().Be("success");
        second.Should().ContainSingle().Which[0].Should().Be("success");
        var sessionDir = Directory.GetDirectories(Path.Combine(host.Root, "data", "1c", ExchangeHost.MemberId)).Single();
        File.Exists(Path.Combine(sessionDir, "import_files", "75", "picture.jpg")).Should().BeTrue();
        Directory.GetFiles(sessionDir, "*.zip", SearchOption.AllDirectories).Should().BeEmpty();
        await using var db = host.Db();
        (await db.Prices.CountAsync()).Should().Be(86);
    }

    [Fact]
    public async Task Windows_path_filename_is_normalised_and_importable_by_its_file_name()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");

        (await client.PostFileAsync("catalog", @"C:\Temp\v8_8789_c.xml", FixtureBytes("umi-cms/offers.xml")))[0].Should().Be("success");
        var import = await client.ImportAsync("catalog", "v8_8789_c.xml");

        import.Last()[0].Should().Be("success");
        await using var db = host.Db();
        (await db.Prices.CountAsync()).Should().Be(70, "grep -c '<Цена>' umi-cms/offers.xml = 70");
        (await db.Stocks.CountAsync()).Should().Be(14, "14 offers with a plain Количество each");
    }

    [Fact]
    public async Task Init_empties_the_upload_directory_so_chunks_of_a_previous_attempt_are_not_appended_to()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");
        var offers = FixtureBytes("ready-script/offers.xml");
        await client.PostFileAsync("catalog", "offers.xml", offers[..1000]);

        await client.GetAsync("type=catalog&mode=init");
        await client.PostFileAsync("catalog", "offers.xml", offers);
        var import = await client.ImportAsync("catalog", "offers.xml");

        import.Last()[0].Should().Be("success");
    }

    [Fact]
    public async Task Session_cookie_stays_valid_for_a_long_run_and_expires_only_after_idle_timeout()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromHours(1));
            (await client.GetAsync("type=catalog&mode=init"))[0].Should().Be("zip=yes");
        }

        host.Time.Advance(TimeSpan.FromHours(7));
        var expired = await client.GetAsync("type=catalog&mode=init");

        expired[0].Should().Be("failure");
        expired[1].Should().Contain("checkauth");
        var removed = await host.App.Services.GetRequiredService<UnimportedFilesSweeper>().RemoveExpiredSessionsAsync(CancellationToken.None);
        removed.Should().Be(1);
        Directory.GetDirectories(Path.Combine(host.Root, "data", "1c", ExchangeHost.MemberId)).Should().BeEmpty("expired uploads are deleted");
    }

    [Fact]
    public async Task Files_never_imported_by_1C_are_imported_once_the_session_is_idle()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");
        // "Do not wait for import confirmation": offers before the classifier, and no import call at all.
        await client.UploadAsync("catalog", "goods/1/rests___1.xml", FixtureBytes("bitrix-3.1/goods/rests.xml"), 64 * 1024);
        await client.PostFileAsync("catalog", "import___0.xml", FixtureBytes("bitrix-3.1/import.xml"));
        var sweeper = host.App.Services.GetRequiredService<UnimportedFilesSweeper>();

        var tooEarly = await sweeper.SweepOnceAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var swept = await sweeper.SweepOnceAsync(CancellationToken.None);
        var again = await sweeper.SweepOnceAsync(CancellationToken.None);

        tooEarly.Should().Be(0, "the session is still active");
        swept.Should().Be(2);
        again.Should().Be(0, "the journal lists both files now");
        await using var db = host.Db();
        (await db.Stocks.CountAsync()).Should().Be(1032, "the classifier was imported first, so every warehouse was known");
        (await db.Journal.SingleAsync()).Files.Should().Be("import___0.xml\ngoods/1/rests___1.xml");
    }

    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }
}
