using System.IO.Compression;
using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

/// <summary>Bad files answer one <c>failure</c> line with a Russian reason, are journaled, and leave the stored data untouched.</summary>
public class BadInputTests
{
    private const string Header = """<?xml version="1.0" encoding="UTF-8"?>""";

    private static string Offers(string offers, string priceTypes = "", string warehouses = "") => Header + $"""
        <КоммерческаяИнформация ВерсияСхемы="2.07">
          <ПакетПредложений СодержитТолькоИзменения="false">
            <ТипыЦен>{priceTypes}</ТипыЦен>
            <Склады>{warehouses}</Склады>
            <Предложения>{offers}</Предложения>
          </ПакетПредложений>
        </КоммерческаяИнформация>
        """;

    private const string RetailType = "<ТипЦены><Ид>retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены>";
    private const string MainWarehouse = "<Склад><Ид>wh-main</Ид><Наименование>Основной склад</Наименование></Склад>";

    private static string Offer(string id, string price, string priceType = "retail", string warehouse = "wh-main") => $"""
        <Предложение><Ид>{id}</Ид><Наименование>Вино {id}</Наименование>
          <Цены><Цена><ИдТипаЦены>{priceType}</ИдТипаЦены><ЦенаЗаЕдиницу>{price}</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена></Цены>
          <Количество>5</Количество><Склад ИдСклада="{warehouse}" КоличествоНаСкладе="5"/>
        </Предложение>
        """;

    private static async Task<(ExchangeHost Host, OneCClient Client)> StartedRunAsync(Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    {
        var host = await ExchangeHost.StartAsync(services, settings);
        var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init");
        return (host, client);
    }

    private static async Task<string[]> UploadAndImportAsync(OneCClient client, string name, byte[] content)
    {
        var upload = await client.PostFileAsync("catalog", name, content);
        if (upload[0] != "success")
        {
            return upload;
        }
        return (await client.ImportAsync("catalog", name)).Last();
    }

    [Fact]
    public async Task Malformed_xml_fails_and_nothing_from_the_file_is_applied()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;
        // Valid first offers followed by broken markup: a one-pass importer would have stored the first ones.
        var xml = Offers(Offer("wine-1", "100") + Offer("wine-2", "200") + "<Предложение><Ид>wine-3</Ид></Предложени>", RetailType, MainWarehouse);

        var reply = await UploadAndImportAsync(client, "offers.xml", Encoding.UTF8.GetBytes(xml));

        reply[0].Should().Be("failure");
        reply[1].Should().Contain("offers.xml").And.Contain("Некорректный XML");
        reply.Should().HaveCount(2);
        await using var db = host.Db();
        (await db.Prices.CountAsync()).Should().Be(0);
        (await db.Stocks.CountAsync()).Should().Be(0);
        (await db.PriceTypes.CountAsync()).Should().Be(0);
        var journal = await db.Journal.SingleAsync();
        journal.Status.Should().Be("failed");
        journal.Errors.Should().Contain("Некорректный XML");
    }

    [Fact]
    public async Task Truncated_xml_fails_as_incomplete()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;
        var bytes = File.ReadAllBytes(Fixture.PathOf("bitrix-3.1/goods/rests.xml"));

        var reply = await UploadAndImportAsync(client, "rests.xml", bytes[..(bytes.Length / 2)]);

        reply[0].Should().Be("failure");
        reply[1].Should().Contain("передан не полностью");
    }

    [Fact]
    public async Task Utf8_declared_file_in_windows_1251_bytes_fails_with_an_encoding_reason()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1251).GetBytes(Offers(Offer("вино-1", "100"), RetailType, MainWarehouse));

        var reply = await UploadAndImportAsync(client, "offers.xml", bytes);

        reply[0].Should().Be("failure");
        reply[1].Should().Contain("offers.xml");
    }

    [Fact]
    public async Task Unknown_price_type_and_unknown_warehouse_are_refused_before_anything_is_stored()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;

        var priceType = await UploadAndImportAsync(client, "a.xml", Encoding.UTF8.GetBytes(Offers(Offer("w1", "1") + Offer("w2", "2", priceType: "opt"), RetailType, MainWarehouse)));
        var warehouse = await UploadAndImportAsync(client, "b.xml", Encoding.UTF8.GetBytes(Offers(Offer("w1", "1") + Offer("w2", "2", warehouse: "wh-x"), RetailType, MainWarehouse)));

        priceType.Should().Equal("failure", "Файл «a.xml» не загружен: Предложение w2: неизвестный тип цены «opt» (его нет в классификаторе).");
        warehouse.Should().Equal("failure", "Файл «b.xml» не загружен: Предложение w2: неизвестный склад «wh-x» (его нет в классификаторе).");
        await using var db = host.Db();
        (await db.Prices.CountAsync()).Should().Be(0);
        (await db.Stocks.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Price_types_and_warehouses_declared_by_an_earlier_exchange_are_known()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;
        await UploadAndImportAsync(client, "classifier.xml", Encoding.UTF8.GetBytes(Offers("", RetailType, MainWarehouse)));

        var reply = await UploadAndImportAsync(client, "offers.xml", Encoding.UTF8.GetBytes(Offers(Offer("w1", "1 234,50"))));

        reply[0].Should().Be("success");
        await using var db = host.Db();
        (await db.Prices.SingleAsync()).Price.Should().Be(1234.50m);
        (await db.Stocks.SingleAsync()).WarehouseId.Should().Be("wh-main");
    }

    [Fact]
    public async Task Truncated_zip_fails_and_extracts_nothing()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;
        var zip = CatalogExchangeTests.Zip(("offers.xml", File.ReadAllBytes(Fixture.PathOf("umi-cms/offers.xml"))));
        await client.PostFileAsync("catalog", "v8_1.zip", zip[..(zip.Length - 30)]);

        var reply = (await client.ImportAsync("catalog", "offers.xml")).Last();

        reply.Should().Equal("failure", "Архив повреждён или передан не полностью.");
        await using var db = host.Db();
        (await db.Journal.SingleAsync()).Errors.Should().Contain("Архив повреждён");
    }

    [Fact]
    public async Task Zip_bomb_is_stopped_while_inflating()
    {
        var (host, client) = await StartedRunAsync(settings: new() { ["OneC:FileLimitBytes"] = (1024 * 1024).ToString() });
        await using var _ = host;
        using var __ = client;
        byte[] bomb;
        using (var ms = new MemoryStream())
        {
            using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            using (var entry = archive.CreateEntry("offers.xml", CompressionLevel.SmallestSize).Open())
            {
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 64; i++)
                {
                    entry.Write(zeros);
                }
            }
            bomb = ms.ToArray();
        }
        bomb.Length.Should().BeLessThan(1024 * 1024);
        await client.PostFileAsync("catalog", "bomb.zip", bomb);

        var reply = (await client.ImportAsync("catalog", "offers.xml")).Last();

        reply[0].Should().Be("failure");
        reply[1].Should().Contain("zip-бомбу");
        var sessionDir = Directory.GetDirectories(Path.Combine(host.Root, "data", "1c", ExchangeHost.MemberId)).Single();
        File.Exists(Path.Combine(sessionDir, "offers.xml")).Should().BeFalse("a partly inflated entry is removed");
    }

    [Theory]
    [InlineData("../../outside.xml", "..")]
    [InlineData("import_files/shell.php", "расширением")]
    [InlineData("picture.php.jpg", "расширением")]
    [InlineData(".htaccess", "Недопустимое")]
    public async Task Dangerous_file_names_are_refused(string filename, string reasonPart)
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;

        var reply = await client.PostFileAsync("catalog", filename, "x"u8.ToArray());

        reply[0].Should().Be("failure");
        reply[1].Should().Contain(reasonPart);
        Directory.GetFiles(host.Root, "outside.xml", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_chunk_larger_than_file_limit_is_refused_and_not_kept()
    {
        var (host, client) = await StartedRunAsync();
        await using var _ = host;
        using var __ = client;
        await client.PostFileAsync("catalog", "offers.xml", new byte[1000]);

        var reply = await client.PostFileAsync("catalog", "offers.xml", new byte[64 * 1024 + 1]);

        reply[0].Should().Be("failure");
        var sessionDir = Directory.GetDirectories(Path.Combine(host.Root, "data", "1c", ExchangeHost.MemberId)).Single();
        new FileInfo(Path.Combine(sessionDir, "offers.xml")).Length.Should().Be(1000);
    }

    [Fact]
    public async Task Import_answers_progress_while_a_slow_sink_runs_then_success()
    {
        var gate = new SlowSink();
        var (host, client) = await StartedRunAsync(s => s.AddSingleton<ICatalogImportSink>(gate), new() { ["OneC:ImportStepBudget"] = "00:00:00.2" });
        await using var _ = host;
        using var __ = client;
        await client.PostFileAsync("catalog", "offers.xml", File.ReadAllBytes(Fixture.PathOf("umi-cms/offers.xml")));

        var whileBlocked = await client.GetAsync("type=catalog&mode=import&filename=offers.xml");
        var stillBlocked = await client.GetAsync("type=catalog&mode=import&filename=offers.xml");
        gate.Release.SetResult();
        var rest = await client.ImportAsync("catalog", "offers.xml");

        whileBlocked[0].Should().Be("progress");
        stillBlocked[0].Should().Be("progress");
        rest.Last()[0].Should().Be("success");
        gate.Calls.Should().Be(1, "repeated import calls wait for the running import instead of starting another");
    }

    private sealed class SlowSink : ICatalogImportSink
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls;

        public async Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            await Release.Task.WaitAsync(cancellationToken);
            return batch.Records().Count();
        }
    }
}
