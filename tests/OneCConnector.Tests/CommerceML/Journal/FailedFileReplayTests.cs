using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Journal;

/// <summary>Files that failed in a real exchange are kept with their reason and replayed through the same importer.</summary>
public class FailedFileReplayTests
{
    private const string Header = """<?xml version="1.0" encoding="UTF-8"?>""";
    private const string RetailType = "<ТипЦены><Ид>retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены>";
    private const string MainWarehouse = "<Склад><Ид>wh-main</Ид><Наименование>Основной склад</Наименование></Склад>";
    private const string CellarWarehouse = "<Склад><Ид>wh-cellar</Ид><Наименование>Погреб</Наименование></Склад>";

    private static byte[] Offers(string offers, string priceTypes = "", string warehouses = "") => Encoding.UTF8.GetBytes(Header + $"""
        <КоммерческаяИнформация ВерсияСхемы="2.07">
          <ПакетПредложений СодержитТолькоИзменения="true">
            <ТипыЦен>{priceTypes}</ТипыЦен>
            <Склады>{warehouses}</Склады>
            <Предложения>{offers}</Предложения>
          </ПакетПредложений>
        </КоммерческаяИнформация>
        """);

    private static string Offer(string id, string price, string warehouse, int quantity) => $"""
        <Предложение><Ид>{id}</Ид><Наименование>Вино {id}</Наименование>
          <Цены><Цена><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>{price}</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена></Цены>
          <Склад ИдСклада="{warehouse}" КоличествоНаСкладе="{quantity}"/>
        </Предложение>
        """;

    /// <summary>One 1C run: checkauth, init, upload, import; returns the last import reply.</summary>
    private static async Task<string[]> RunAsync(ExchangeHost host, string name, byte[] content)
    {
        host.Time.Advance(TimeSpan.FromMinutes(30));
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");
        (await client.PostFileAsync("catalog", name, content))[0].Should().Be("success");
        var reply = (await client.ImportAsync("catalog", name)).Last();
        await client.GetAsync("type=catalog&mode=complete");
        return reply;
    }

    private static FailedFiles Files(ExchangeHost host) => host.App.Services.GetRequiredService<FailedFiles>();
    private static FailedFileReplay Replay(ExchangeHost host) => host.App.Services.GetRequiredService<FailedFileReplay>();

    [Fact]
    public async Task A_file_refused_for_an_unknown_warehouse_is_kept_and_goes_in_once_a_later_classifier_declares_it()
    {
        await using var host = await ExchangeHost.StartAsync();
        await RunAsync(host, "import0_1.xml", Offers("", RetailType, MainWarehouse));
        var failedReply = await RunAsync(host, "offers0_1.xml", Offers(Offer("w1", "950", "wh-main", 4) + Offer("w2", "1200", "wh-cellar", 7)));
        failedReply[0].Should().Be("failure");

        var failed = (await Files(host).ListAsync(ExchangeHost.MemberId, 10, default)).Single();
        failed.FileName.Should().Be("offers0_1.xml");
        failed.Reason.Should().Contain("неизвестный склад «wh-cellar»");
        failed.Kept.Should().BeTrue();
        File.Exists(Files(host).CopyPath(ExchangeHost.MemberId, failed.Id)).Should().BeTrue();

        // Still unknown: the replay fails again with the same reason and the file stays replayable.
        var early = await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: false, default);
        early.Status.Should().Be(ReplayStatus.Failed);
        early.Outcome!.Failure.Should().Contain("неизвестный склад «wh-cellar»");
        (await Files(host).FindAsync(ExchangeHost.MemberId, failed.Id, default))!.Should().Match<WineB24.OneCConnector.Storage.FailedFileRecord>(f => f.Status == FailedFiles.Failed && f.Attempts == 1 && f.Kept);

        await RunAsync(host, "import1_1.xml", Offers("", RetailType, MainWarehouse + CellarWarehouse));
        var replayed = await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: false, default);

        replayed.Status.Should().Be(ReplayStatus.Imported);
        replayed.Outcome!.Counts.Offers.Should().Be(2);
        await using var db = host.Db();
        (await db.Stocks.Where(s => s.MemberId == ExchangeHost.MemberId).OrderBy(s => s.OfferId).Select(s => new { s.OfferId, s.WarehouseId, s.Quantity }).ToListAsync())
            .Should().BeEquivalentTo([new { OfferId = "w1", WarehouseId = "wh-main", Quantity = 4m }, new { OfferId = "w2", WarehouseId = "wh-cellar", Quantity = 7m }]);
        var item = await db.FailedFiles.SingleAsync();
        item.Status.Should().Be(FailedFiles.Resolved);
        item.Attempts.Should().Be(2);
        item.Kept.Should().BeFalse("a resolved file frees its copy");
        File.Exists(Files(host).CopyPath(ExchangeHost.MemberId, failed.Id)).Should().BeFalse();
        var replayRows = await db.Journal.Where(j => j.ReplayOf == failed.Id).OrderBy(j => j.StartedAt).ToListAsync();
        replayRows.Select(j => j.Status).Should().Equal(ExchangeJournal.Failed, ExchangeJournal.Completed);
        replayRows[1].Files.Should().Be("offers0_1.xml");
        replayRows[1].Offers.Should().Be(2);
        (await db.Journal.CountAsync(j => j.ReplayOf == null && j.Status == ExchangeJournal.Failed)).Should().Be(1, "replays add their own rows");
        (await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: false, default)).Status.Should().Be(ReplayStatus.AlreadyResolved);
    }

    [Fact]
    public async Task A_file_superseded_by_a_newer_one_of_the_same_kind_is_replayed_only_when_forced()
    {
        await using var host = await ExchangeHost.StartAsync();
        await RunAsync(host, "import0_1.xml", Offers("", RetailType, MainWarehouse));
        await RunAsync(host, "offers0_1.xml", Offers(Offer("w1", "900", "wh-unknown", 1)));
        await RunAsync(host, "offers0_1.xml", Offers(Offer("w1", "1000", "wh-main", 9)));
        var failed = (await Files(host).ListAsync(ExchangeHost.MemberId, 10, default)).Single();

        var refused = await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: false, default);

        refused.Status.Should().Be(ReplayStatus.Superseded);
        refused.NewerFile.Should().Be("offers0_1.xml");
        await using (var db = host.Db())
        {
            (await db.Prices.SingleAsync()).Price.Should().Be(1000m, "the newer price stays");
            (await db.Journal.CountAsync(j => j.ReplayOf != null)).Should().Be(0);
        }
        var forced = await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: true, default);
        forced.Status.Should().Be(ReplayStatus.Failed, "forcing skips the staleness check, not validation: wh-unknown is still unknown");
    }

    [Fact]
    public async Task Replays_are_per_portal_and_claimed_once_across_instances()
    {
        await using var host = await ExchangeHost.StartAsync();
        await RunAsync(host, "offers0_1.xml", Encoding.UTF8.GetBytes(Header + "<КоммерческаяИнформация><ПакетПредложений>"));
        var failed = (await Files(host).ListAsync(ExchangeHost.MemberId, 10, default)).Single();
        failed.Reason.Should().Contain("offers0_1.xml");

        (await Replay(host).ReplayAsync("ffffffffffffffffffffffffffffffff", failed.Id, force: false, default)).Status.Should().Be(ReplayStatus.NotFound);
        (await Files(host).ListAsync("ffffffffffffffffffffffffffffffff", 10, default)).Should().BeEmpty();

        (await Files(host).ClaimAsync(ExchangeHost.MemberId, failed.Id, FailedFileReplay.ClaimTimeout, default)).Should().BeTrue();
        (await Files(host).ClaimAsync(ExchangeHost.MemberId, failed.Id, FailedFileReplay.ClaimTimeout, default)).Should().BeFalse();
        (await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: false, default)).Status.Should().Be(ReplayStatus.InProgress);
        host.Time.Advance(FailedFileReplay.ClaimTimeout + TimeSpan.FromMinutes(1));
        (await Replay(host).ReplayAsync(ExchangeHost.MemberId, failed.Id, force: false, default)).Status
            .Should().Be(ReplayStatus.Failed, "a claim left by a dead instance is taken over; the file is still broken");
    }

    [Fact]
    public async Task Retention_drops_the_oldest_copies_to_stay_within_the_portal_budget()
    {
        await using var host = await ExchangeHost.StartAsync(settings: new() { ["OneC:FailedFilesMaxBytesPerPortal"] = "5000" });
        byte[] Broken(int size) => Encoding.UTF8.GetBytes(Header + "<КоммерческаяИнформация>" + new string('x', size));

        await RunAsync(host, "offers0_1.xml", Broken(2000));
        await RunAsync(host, "offers1_1.xml", Broken(2000));
        await RunAsync(host, "offers2_1.xml", Broken(2000));
        await RunAsync(host, "offers3_1.xml", Broken(6000));

        var files = await Files(host).ListAsync(ExchangeHost.MemberId, 10, default);
        files.Select(f => (f.FileName, f.Kept)).Should().Equal(
            ("offers3_1.xml", false), ("offers2_1.xml", true), ("offers1_1.xml", true), ("offers0_1.xml", false));
        files.Where(f => f.Kept).Sum(f => f.Bytes).Should().BeLessThanOrEqualTo(5000);
        File.Exists(Files(host).CopyPath(ExchangeHost.MemberId, files[3].Id)).Should().BeFalse();
        (await Replay(host).ReplayAsync(ExchangeHost.MemberId, files[3].Id, force: false, default)).Status.Should().Be(ReplayStatus.NotKept);
    }

    [Theory]
    [InlineData("offers0_1.xml", "offers")]
    [InlineData("goods/1/offers___7e0f3c1a-2b.xml", "offers")]
    [InlineData("rests___a.xml", "rests")]
    [InlineData("orders-5f1d_1.xml", "orders")]
    [InlineData("import.xml", "import")]
    [InlineData(@"C:\v8_8789_c.xml", "v")]
    public void File_kind_is_the_leading_letters_of_the_name(string name, string kind) => FailedFileReplay.FileKind(name).Should().Be(kind);
}
