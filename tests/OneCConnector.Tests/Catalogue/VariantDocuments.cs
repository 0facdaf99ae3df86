using System.Globalization;
using System.Text;
using WineB24.OneCEmulator.CommerceML;

namespace WineB24.OneCConnector.Tests.Catalogue;

/// <summary>A variant offer as 1C writes it: <c>product#characteristic</c>, its characteristic values, prices and stock.</summary>
internal sealed record VariantOffer(string Id, string Name, string[] Values, decimal Retail, decimal Wholesale, (string Warehouse, decimal Quantity)[] Stock, bool Deleted = false);

/// <summary>
/// Hand-written CommerceML documents with characteristics, in the 2.0x shape (one import.xml, one offers.xml with
/// <c>ХарактеристикиТовара</c>, <c>ТипыЦен</c>, <c>Склады</c> and <c>Склад</c> attributes) and the 3.x split
/// (import___ with price types and warehouses in the classifier, offers___, prices___, rests___).
/// </summary>
internal static class VariantDocuments
{
    public const string Chablis = "3f0c5a52-7a11-11ee-b962-0242ac120002";
    public const string Rioja = "3f0c5a52-7a11-11ee-b962-0242ac120003";

    public static VariantOffer[] Offers() =>
    [
        new($"{Chablis}#5b6e1c10-0001-11ee-8000-000000000001", "Шабли Премье Крю (2019, 1,5 л)", ["2019", "1,5 л"], 9800m, 7600m, [("msk", 4), ("spb", 3)]),
        new($"{Chablis}#5b6e1c10-0001-11ee-8000-000000000002", "Шабли Премье Крю (2020, 0,75 л)", ["2020", "0,75 л"], 4200m, 3300m, [("msk", 10), ("spb", 2)]),
        new(Rioja, "Риоха Резерва", [], 2100m, 1700m, [("msk", 5)]),
    ];

    private const string Classifier = """
          <Ид>cls-wine</Ид><Наименование>Классификатор (Вина)</Наименование>
          <Группы><Группа><Ид>g-white</Ид><Наименование>Белое</Наименование></Группа></Группы>
        """;

    private const string PriceTypes = """
          <ТипыЦен>
            <ТипЦены><Ид>pt-retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены>
            <ТипЦены><Ид>pt-wholesale</Ид><Наименование>Оптовая</Наименование><Валюта>RUB</Валюта></ТипЦены>
          </ТипыЦен>
        """;

    private const string Warehouses = """
          <Склады>
            <Склад><Ид>msk</Ид><Наименование>Москва</Наименование></Склад>
            <Склад><Ид>spb</Ид><Наименование>Санкт-Петербург</Наименование></Склад>
          </Склады>
        """;

    private static string Products => ProductsOf([(Chablis, "Шабли Премье Крю"), (Rioja, "Риоха Резерва")]);

    private static string ProductsOf(IEnumerable<(string Id, string Name)> products) =>
        "<Товары>" + string.Concat(products.Select(p => $"<Товар><Ид>{p.Id}</Ид><Наименование>{p.Name}</Наименование><Группы><Ид>g-white</Ид></Группы></Товар>")) + "</Товары>";

    /// <summary>
    /// <paramref name="products"/> wines of <paramref name="variantsEach"/> vintages each (a 2.08 import.xml and offers.xml).
    /// </summary>
    public static (ExchangeFile Import, ExchangeFile Offers, VariantOffer[] Variants) Many(int products, int variantsEach)
    {
        var wines = Enumerable.Range(1, products).Select(i => ($"wine-{i:D4}", $"Вино {i}")).ToList();
        var variants = wines.SelectMany((w, i) => Enumerable.Range(0, variantsEach).Select(j => new VariantOffer(
            $"{w.Item1}#vintage-{2010 + j}", $"{w.Item2} ({2010 + j})", [(2010 + j).ToString(CultureInfo.InvariantCulture), "0,75 л"],
            1000m + i * 10 + j, 800m + i * 10 + j, [("msk", i + j), ("spb", j)]))).ToArray();
        return (Import2(products: wines), Offers2(variants), variants);
    }

    public static ExchangeFile Import2(string version = "2.08", IEnumerable<(string Id, string Name)>? products = null) => Text("import.xml", $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация ВерсияСхемы="{version}" ДатаФормирования="2026-11-29T9:49:02">
          <Классификатор>{Classifier}</Классификатор>
          <Каталог СодержитТолькоИзменения="false">
            <Ид>cat-wine</Ид><ИдКлассификатора>cls-wine</ИдКлассификатора><Наименование>Каталог</Наименование>
            {(products is null ? Products : ProductsOf(products))}
          </Каталог>
        </КоммерческаяИнформация>
        """);

    public static ExchangeFile Offers2(IEnumerable<VariantOffer> offers, string version = "2.08", bool onlyChanges = false)
    {
        var body = new StringBuilder();
        foreach (var o in offers)
        {
            body.Append(CultureInfo.InvariantCulture, $"<Предложение><Ид>{o.Id}</Ид><Наименование>{o.Name}</Наименование>{Characteristics(o)}");
            if (o.Deleted) body.Append("<Статус>Удален</Статус>");
            body.Append(Prices(o));
            body.Append(CultureInfo.InvariantCulture, $"<Количество>{o.Stock.Sum(s => s.Quantity)}</Количество>");
            foreach (var (warehouse, quantity) in o.Stock)
            {
                body.Append(CultureInfo.InvariantCulture, $"<Склад ИдСклада=\"{warehouse}\" КоличествоНаСкладе=\"{quantity}\"/>");
            }
            body.Append("</Предложение>\n");
        }
        return Text("offers.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация ВерсияСхемы="{version}" ДатаФормирования="2026-11-29T9:49:02">
              <ПакетПредложений СодержитТолькоИзменения="{(onlyChanges ? "true" : "false")}">
                <Ид>cls-wine#</Ид><Наименование>Пакет предложений</Наименование><ИдКаталога>cat-wine</ИдКаталога><ИдКлассификатора>cls-wine</ИдКлассификатора>
                {PriceTypes}
                {Warehouses}
                <Предложения>
                {body}
                </Предложения>
              </ПакетПредложений>
            </КоммерческаяИнформация>
            """);
    }

    /// <summary>The 3.x split: the classifier carries price types and warehouses, offers/prices/rests come in their own files.</summary>
    public static ExchangeFile[] Split3(IEnumerable<VariantOffer> offers)
    {
        var list = offers.ToList();
        string Package(string inner) => $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1" ДатаФормирования="2026-11-29T09:49:02">
              <ПакетПредложений СодержитТолькоИзменения="false">
                <Ид>cls-wine#</Ид><Наименование>Пакет предложений</Наименование><ИдКаталога>cat-wine</ИдКаталога><ИдКлассификатора>cls-wine</ИдКлассификатора>
                <Предложения>{inner}</Предложения>
              </ПакетПредложений>
            </КоммерческаяИнформация>
            """;
        var describe = string.Concat(list.Select(o =>
            $"<Предложение><Ид>{o.Id}</Ид><ПометкаУдаления>{(o.Deleted ? "true" : "false")}</ПометкаУдаления><Наименование>{o.Name}</Наименование>{Characteristics(o)}</Предложение>"));
        var prices = string.Concat(list.Select(o => $"<Предложение><Ид>{o.Id}</Ид>{Prices(o)}</Предложение>"));
        var rests = string.Concat(list.Select(o => $"<Предложение><Ид>{o.Id}</Ид><Остатки>" + string.Concat(o.Stock.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"<Остаток><Склад><Ид>{s.Warehouse}</Ид><Количество>{s.Quantity}</Количество></Склад></Остаток>"))) + "</Остатки></Предложение>"));
        return
        [
            Text("000000001/goods/1/import___v1.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1" ДатаФормирования="2026-11-29T09:49:02">
                  <Классификатор>{Classifier}{PriceTypes}{Warehouses}</Классификатор>
                  <Каталог СодержитТолькоИзменения="false">
                    <Ид>cat-wine</Ид><ИдКлассификатора>cls-wine</ИдКлассификатора><Наименование>Каталог</Наименование>
                    {Products}
                  </Каталог>
                </КоммерческаяИнформация>
                """),
            Text("000000001/goods/1/offers___v1.xml", Package(describe)),
            Text("000000001/goods/1/prices___v1.xml", Package(prices)),
            Text("000000001/goods/1/rests___v1.xml", Package(rests)),
        ];
    }

    private static string Characteristics(VariantOffer o) => o.Values.Length == 0 ? "" :
        "<ХарактеристикиТовара>" + string.Concat(o.Values.Select((v, i) =>
            $"<ХарактеристикаТовара><Наименование>{(i == 0 ? "Год урожая" : "Объем")}</Наименование><Значение>{v}</Значение></ХарактеристикаТовара>")) + "</ХарактеристикиТовара>";

    private static string Prices(VariantOffer o) => string.Create(CultureInfo.InvariantCulture, $"""
        <Цены>
          <Цена><Представление>{o.Retail} руб. за бут</Представление><ИдТипаЦены>pt-retail</ИдТипаЦены><ЦенаЗаЕдиницу>{o.Retail}</ЦенаЗаЕдиницу><Валюта>руб</Валюта></Цена>
          <Цена><ИдТипаЦены>pt-wholesale</ИдТипаЦены><ЦенаЗаЕдиницу>{o.Wholesale}</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>
        </Цены>
        """);

    private static ExchangeFile Text(string name, string xml) => ExchangeFile.FromBytes(name, Encoding.UTF8.GetBytes(xml));
}
