using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Orders;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Exchange;

/// <summary>The <c>type=sale</c> sequence: checkauth → init → query → success, and order-status files from 1C.</summary>
public class SaleExchangeTests
{
    private sealed class PendingOrders : IOrderExportSource
    {
        public List<OrderDocument> Orders { get; } = [];
        public List<string> Confirmed { get; } = [];

        public Task<IReadOnlyList<OrderDocument>> GetPendingAsync(string memberId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OrderDocument>>(Orders.Where(o => !Confirmed.Contains(o.Id!.Value.Value)).ToList());

        public Task ConfirmExportedAsync(string memberId, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
        {
            Confirmed.AddRange(orderIds);
            return Task.CompletedTask;
        }
    }

    private static OrderDocument Order(string id, string number) => new(
        new OneCId(id), number, new DateTime(2026, 11, 21, 9, 49, 2), "Заказ товара", "Продавец", "руб", 1, 15000.50m, "Доставить до 12:00",
        null, null, null,
        [new Counterparty(new OneCId("cp-1"), "ООО «Винный погреб»", null, "ООО «Винный погреб»", "Покупатель", "7707083893", "770701001", null,
            null, null, null, "Москва, ул. Тверская, 1", null, [new Contact("Почта", "buyer@example.ru")], false)],
        [new OrderLine(new OneCId("prod-1#char-1"), "RIOJA-2019", "Риоха Резерва 2019, 0,75 л", "шт", 1500.05m, 10, 15000.50m, null, [])],
        [new NamedValue("Статус заказа", "[N] Принят")],
        false);

    [Fact]
    public async Task Query_serves_xml_without_bom_and_orders_are_confirmed_only_on_success()
    {
        var source = new PendingOrders();
        source.Orders.Add(Order("order-1", "WB-1001"));
        await using var host = await ExchangeHost.StartAsync(s => s.AddSingleton<IOrderExportSource>(source));
        using var client = host.NewClient();

        var auth = await client.CheckAuthAsync("sale");
        var init = await client.GetAsync("type=sale&mode=init");
        var firstQuery = await client.GetRawAsync("type=sale&mode=query");
        var contentType = client.LastResponse!.Content.Headers.ContentType!.ToString();
        source.Confirmed.Should().BeEmpty("query alone must not mark orders exported");
        var secondQuery = await client.GetRawAsync("type=sale&mode=query");
        var success = await client.GetAsync("type=sale&mode=success");
        var afterSuccess = await client.GetRawAsync("type=sale&mode=query");

        auth.Should().HaveCount(4);
        auth[3].Should().StartWith("sessid=");
        init.Should().Equal("zip=yes", "file_limit=65536");
        firstQuery.Take(5).Should().Equal("<?xml"u8.ToArray());
        contentType.Should().Be("application/xml; charset=utf-8");
        secondQuery.Should().Equal(firstQuery, "unconfirmed orders are served again");
        success.Should().Equal("success");
        source.Confirmed.Should().Equal("order-1");

        var parsed = CommerceMLReader.Read(new MemoryStream(firstQuery)).OfType<OrderDocument>().Single();
        parsed.Number.Should().Be("WB-1001");
        parsed.Date.Should().Be(new DateTime(2026, 11, 21, 9, 49, 2));
        parsed.Sum.Should().Be(15000.50m);
        parsed.Counterparties.Single().Inn.Should().Be("7707083893");
        parsed.Lines.Single().Id!.Value.CharacteristicId.Should().Be("char-1");
        parsed.State.Status.Should().Be("[N] Принят");
        CommerceMLReader.Read(new MemoryStream(afterSuccess)).OfType<OrderDocument>().Should().BeEmpty();
        await using var db = host.Db();
        var journal = await db.Journal.SingleAsync();
        journal.Documents.Should().Be(2, "two queries served the order before 1C confirmed it");
        journal.Status.Should().Be("completed");
    }

    [Fact]
    public async Task Init_with_version_adds_sessid_and_version_lines()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        var auth = await client.CheckAuthAsync("sale");

        var init = await client.GetAsync("type=sale&mode=init&version=2.09");

        init.Should().Equal("zip=yes", "file_limit=65536", auth[3], "version=2.09");
    }

    private sealed class RecordingOrderSink : IOrderImportSink
    {
        public List<OrderDocument> Documents { get; } = [];

        public Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken)
        {
            var documents = batch.Records().OfType<OrderDocument>().ToList();
            lock (Documents)
            {
                Documents.AddRange(documents);
            }
            return Task.FromResult(documents.Count);
        }
    }

    [Fact]
    public async Task Status_file_is_imported_on_import_with_new_protocol_and_inside_file_with_old_protocol()
    {
        var sink = new RecordingOrderSink();
        await using var host = await ExchangeHost.StartAsync(s => s.AddSingleton<IOrderImportSink>(sink));
        var orders = File.ReadAllBytes(Fixture.PathOf("orders-2.08/orders.xml"));

        using (var modern = host.NewClient())
        {
            await modern.CheckAuthAsync("sale");
            await modern.GetAsync("type=sale&mode=init&version=2.09");
            (await modern.PostFileAsync("sale", "orders-3f1c_1.xml", orders)).Should().Equal("success");
            (await modern.ImportAsync("sale", "orders-3f1c_1.xml")).Last()[0].Should().Be("success");
        }
        using (var old = host.NewClient())
        {
            await old.CheckAuthAsync("sale");
            await old.GetAsync("type=sale&mode=init");
            (await old.PostFileAsync("sale", "orders-3f1c_2.xml", orders)).Should().Equal("success");
        }

        await using var db = host.Db();
        var journals = await db.Journal.OrderBy(j => j.Id).ToListAsync();
        journals.Should().HaveCount(2).And.OnlyContain(j => j.Documents == 1 && j.ExchangeType == "sale" && j.Errors == null && j.Changes == 1);
        sink.Documents.Select(d => d.Number).Should().Equal("13838", "13838");
    }

    [Fact]
    public async Task Documents_in_a_catalog_run_reach_the_order_sinks_and_not_the_stock_store()
    {
        var sink = new RecordingOrderSink();
        await using var host = await ExchangeHost.StartAsync(s => s.AddSingleton<IOrderImportSink>(sink));
        using var client = host.NewClient();
        await client.CheckAuthAsync("catalog");
        await client.GetAsync("type=catalog&mode=init&version=3.1");
        await client.UploadAsync("catalog", "000000001/documents___1.xml", File.ReadAllBytes(Fixture.PathOf("bitrix-3.1/documents/1.xml")), 64 * 1024);

        var reply = (await client.ImportAsync("catalog", "000000001/documents___1.xml")).Last();

        reply[0].Should().Be("success");
        sink.Documents.Should().HaveCount(20);
        await using var db = host.Db();
        (await db.Stocks.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Standalone_company_counterparty_without_inn_fails_with_a_readable_reason()
    {
        await using var host = await ExchangeHost.StartAsync();
        using var client = host.NewClient();
        await client.CheckAuthAsync("sale");
        await client.GetAsync("type=sale&mode=init&version=3.1");
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1">
              <Контрагенты>
                <Контрагент><Ид>c-1</Ид><Наименование>ООО «Север»</Наименование><ИНН>7707083893</ИНН><КПП>770701001</КПП></Контрагент>
                <Контрагент><Ид>c-2</Ид><Наименование>ООО «Юг»</Наименование><ОфициальноеНаименование>ООО «Юг»</ОфициальноеНаименование></Контрагент>
                <Контрагент><Ид>c-3</Ид><Наименование>ООО «Запад»</Наименование><КПП>770701001</КПП></Контрагент>
                <Контрагент><Ид>c-4</Ид><Наименование>Александр</Наименование></Контрагент>
              </Контрагенты>
            </КоммерческаяИнформация>
            """;
        await client.PostFileAsync("sale", "contragents___1.xml", Encoding.UTF8.GetBytes(xml));

        var reply = (await client.ImportAsync("sale", "contragents___1.xml")).Last();

        reply[0].Should().Be("failure");
        reply.Should().HaveCount(2, "1C reads one reason line");
        reply[1].Should().Contain("ООО «Юг»").And.Contain("c-2").And.Contain("без ИНН").And.EndWith("Ещё ошибок в файле: 1.", "ООО «Запад» has a КПП but no ИНН; Александр is a person");
        await using var db = host.Db();
        (await db.Journal.SingleAsync()).Errors.Should().Contain("без ИНН");
    }
}
