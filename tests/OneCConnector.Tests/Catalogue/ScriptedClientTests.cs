using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Orders;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>The scripted 1C client's other sequences (3.x split catalogue, sale) and the mapping's defaults.</summary>
[Collection(CatalogueCollection.Name)]
public sealed class ScriptedClientTests
{
    [Fact]
    public async Task Split_3x_exchange_brings_prices_and_rests_from_separate_files_to_the_same_products()
    {
        await using var h = await CatalogueHarness.StartAsync();
        var model = CatalogueGenerator.Create(skus: 40, warehouses: 3, priceTypes: 2, seed: 21);
        ExchangeFile[] files =
        [
            ExchangeFile.Write("000000001/goods/1/import___a1.xml", s => CommerceMLWriter.WriteImport(model, s, version: "3.1")),
            ExchangeFile.Write("000000001/goods/1/offers___a1.xml", s => CommerceMLWriter.WriteOffers3(model, s)),
            ExchangeFile.Write("000000001/goods/1/prices___a1.xml", s => CommerceMLWriter.WritePrices3(model, s)),
            ExchangeFile.Write("000000001/goods/1/rests___a1.xml", s => CommerceMLWriter.WriteRests3(model, s)),
        ];
        using var client = h.NewClient();

        var run = await CatalogExchange.RunCatalogAsync(client, files, useZipWhenOffered: true);

        run.Succeeded.Should().BeTrue(string.Join("; ", run.Failures));
        run.Zipped.Should().BeTrue();
        run.Imports.Should().HaveCount(4);
        await h.WaitForPushAsync();
        h.Portal.Catalog.PriceCount.Should().Be(80);
        foreach (var spec in model.Products.Take(10))
        {
            var product = h.Portal.Catalog.FindProductByXmlId(spec.Id)!;
            ((double)product["quantity"]!).Should().Be((double)spec.Stock.Sum());
        }
    }

    [Fact]
    public async Task Without_a_price_type_map_only_the_retail_type_goes_to_the_base_price()
    {
        await using var h = await CatalogueHarness.StartAsync(mapPriceTypes: false);
        var model = CatalogueGenerator.Create(skus: 12, warehouses: 1, priceTypes: 3, seed: 22);

        (await h.ExchangeAsync(model, zip: false)).Succeeded.Should().BeTrue();
        await h.WaitForPushAsync();

        var prices = h.Portal.Catalog.AllPrices();
        prices.Should().HaveCount(12).And.OnlyContain(p => (int)p["catalogGroupId"]! == 1);
        var first = h.Portal.Catalog.FindProductByXmlId(model.Products[0].Id)!;
        prices.Single(p => (int)p["productId"]! == (int)first["id"]!)["price"]!.GetValue<double>().Should().Be((double)model.Products[0].Prices[0]);
    }

    private sealed class OneOrder : IOrderExportSource
    {
        public List<string> Confirmed { get; } = [];

        public Task<IReadOnlyList<OrderDocument>> GetPendingAsync(string memberId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OrderDocument>>(Confirmed.Count > 0 ? [] :
            [
                new OrderDocument(new OneCId("site-order-7"), "WB-7", new DateTime(2026, 11, 28), "Заказ товара", "Продавец", "руб", 1, 4500m,
                    null, null, null, null, [], [], [], false),
            ]);

        public Task ConfirmExportedAsync(string memberId, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
        {
            Confirmed.AddRange(orderIds);
            return Task.CompletedTask;
        }
    }

    private sealed class StatusSink : IOrderImportSink
    {
        public List<OrderDocument> Documents { get; } = [];

        public Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken)
        {
            lock (Documents)
            {
                Documents.AddRange(batch.Records().OfType<OrderDocument>());
            }
            return Task.FromResult(1);
        }
    }

    [Fact]
    public async Task Sale_sequence_acknowledges_the_orders_and_delivers_the_status_file_written_like_UT_11()
    {
        var orders = new OneOrder();
        var sink = new StatusSink();
        await using var host = await ExchangeHost.StartAsync(s =>
        {
            s.AddSingleton<IOrderExportSource>(orders);
            s.AddSingleton<IOrderImportSink>(sink);
        });
        using var client = new ExchangeClient(new Uri(host.BaseAddress, "1c/exchange"), ExchangeHost.Login, ExchangeHost.Password) { ProtocolVersion = "2.09" };
        var statuses = ExchangeFile.Write("orders-6f1c2d3e_1.xml", s => OrderStatusWriter.Write(
        [
            new OrderStatusSpec("site-order-7", "WB-7", new DateTime(2026, 11, 28), 4500m, Posted: true, Cancelled: false,
                PaymentNumber: "ПКО-00017", PaymentDate: new DateTime(2026, 11, 29, 9, 5, 0)),
            new OrderStatusSpec("site-order-8", "WB-8", new DateTime(2026, 11, 28), 900m, Posted: true, Cancelled: true),
        ], s));

        var (served, upload) = await CatalogExchange.RunSaleAsync(client, statuses);

        CommerceMLReader.Read(new MemoryStream(served)).OfType<OrderDocument>().Single().Number.Should().Be("WB-7");
        orders.Confirmed.Should().Equal("site-order-7");
        upload.Succeeded.Should().BeTrue(string.Join("; ", upload.Failures));
        sink.Documents.Should().HaveCount(2);
        var paid = sink.Documents.Single(d => d.Number == "WB-7").State;
        paid.Posted.Should().BeTrue();
        paid.Paid.Should().BeTrue();
        paid.PaymentDate.Should().Be(new DateTime(2026, 11, 29, 9, 5, 0), "1C writes unpadded hours");
        sink.Documents.Single(d => d.Number == "WB-8").State.Cancelled.Should().BeTrue();
    }

    [Fact]
    public async Task Client_reads_init_like_UT_11_and_reports_a_refused_login_as_failure()
    {
        await using var host = await ExchangeHost.StartAsync();
        var url = new Uri(host.BaseAddress, "1c/exchange");
        using var ut = new ExchangeClient(url, ExchangeHost.Login, ExchangeHost.Password);
        await ut.CheckAuthAsync("catalog");
        var init = await ut.InitAsync("catalog");
        init.Zip.Should().BeTrue();
        init.FileLimit.Should().Be(64 * 1024);
        init.Lines.Should().HaveCount(2, "УТ 11.5 sends no version and accepts exactly two lines");

        using var unf = new ExchangeClient(url, ExchangeHost.Login, ExchangeHost.Password) { ProtocolVersion = "2.09" };
        await unf.CheckAuthAsync("catalog");
        (await unf.InitAsync("catalog")).Lines.Should().HaveCount(4).And.Contain("version=2.09");

        using var wrong = new ExchangeClient(url, ExchangeHost.Login, "not-the-password");
        var refused = await FluentActions.Awaiting(() => wrong.CheckAuthAsync("catalog")).Should().ThrowAsync<ExchangeException>();
        refused.Which.Reply!.IsFailure.Should().BeTrue();
        refused.Which.Step.Should().Be("checkauth");
    }

    [Fact]
    public void Configured_1C_names_replace_the_defaults_and_unknown_codes_fail_validation()
    {
        var options = new CatalogueOptions();
        options.PropertyNames["WINE_GRAPE"] = ["Сортовой состав винограда"];
        var resolved = WineProperties.Resolve(options);
        resolved.Single(p => p.Code == "WINE_GRAPE").OneCNames.Should().Equal("Сортовой состав винограда");
        resolved.Single(p => p.Code == "WINE_COLOR").OneCNames.Should().Contain("Цвет");
        options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Should().BeEmpty();

        options.PropertyNames["WINE_SUGAR"] = ["Сахар"];
        options.Portals["m1"] = new CataloguePortalOptions { PriceTypes = { ["Оптовая"] = 0 } };
        options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Should().HaveCount(2);
    }

    [Theory]
    [InlineData("0,75", "0.75")]
    [InlineData("13.5 %", "13.5")]
    [InlineData("2019 г.", "2019")]
    [InlineData("нет данных", null)]
    public void Numeric_wine_values_are_normalised_from_1C_text(string text, string? expected)
    {
        WineProperties.Normalise(WineProperties.Defaults.Single(p => p.Code == "WINE_VOLUME"), text).Should().Be(expected);
    }
}
