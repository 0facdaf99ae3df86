using System.Text;
using FluentAssertions;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.CommerceML.Parsing;

/// <summary>A 20 000 SKU × 10 warehouse offers file is streamed: the live heap stays far below the file's size.</summary>
[Collection(HeapMeasurementCollection.Name)]
public class LargeOffersStreamingTests
{
    private const int Skus = 20_000;
    private const int Warehouses = 10;

    [Fact]
    public void Twenty_thousand_offers_with_ten_warehouses_stream_with_bounded_memory()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "offers0_1.xml");
        WriteOffers(path);
        var fileBytes = new FileInfo(path).Length;
        fileBytes.Should().BeGreaterThan(40L * 1024 * 1024, "the file must be big enough for the memory bound to mean something");

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        int offers = 0, stocks = 0;
        decimal quantity = 0;
        foreach (var record in CommerceMLReader.Read(path))
        {
            if (record is Offer offer)
            {
                offers++;
                stocks += offer.Stocks.Count;
                quantity += offer.Stocks.Sum(s => s.Quantity);
                if (offers % 2_500 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }
        }

        offers.Should().Be(Skus);
        stocks.Should().Be(Skus * Warehouses);
        quantity.Should().Be(Enumerable.Range(0, Skus).Sum(i => Enumerable.Range(0, Warehouses).Sum(w => (decimal)((i + w) % 7))));
        peak.Should().BeLessThan(fileBytes / 8, "only the current record is held, never the document");
    }

    private static void WriteOffers(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        writer.Write("""<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.07"><ПакетПредложений СодержитТолькоИзменения="false"><ТипыЦен><ТипЦены><Ид>retail</Ид><Наименование>Розничная</Наименование></ТипЦены></ТипыЦен><Предложения>""");
        for (var i = 0; i < Skus; i++)
        {
            writer.Write($"<Предложение><Ид>{Guid.Empty.ToString()[..28]}{i:D8}#{i:D8}</Ид><Наименование>Вино красное сухое «Шато №{i}», 0,75 л, урожай {2000 + i % 24}</Наименование>");
            writer.Write($"<Цены><Цена><Представление>{i},00 руб. за шт</Представление><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>{i}.00</ЦенаЗаЕдиницу><Валюта>руб</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена></Цены>");
            for (var w = 0; w < Warehouses; w++)
            {
                writer.Write($"<Склад ИдСклада=\"склад-{w:D2}-0000-0000-0000-000000000000\" КоличествоНаСкладе=\"{(i + w) % 7}\"/>");
            }
            writer.Write("<ЗначенияСвойств><ЗначенияСвойства><Ид>цвет</Ид><Значение>красное</Значение></ЗначенияСвойства><ЗначенияСвойства><Ид>страна</Ид><Значение>Франция</Значение></ЗначенияСвойства></ЗначенияСвойств>");
            writer.Write("</Предложение>");
        }
        writer.Write("</Предложения></ПакетПредложений></КоммерческаяИнформация>");
    }
}
