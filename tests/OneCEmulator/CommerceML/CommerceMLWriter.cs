using System.Globalization;
using System.Text;
using System.Xml;

namespace WineB24.OneCEmulator.CommerceML;

/// <summary>
/// Writes a <see cref="CatalogueModel"/> the way 1C does: UTF-8 with a BOM, indented, decimals with a dot.
/// 2.x: <c>import.xml</c> (classifier + catalogue) and <c>offers.xml</c> (price types, warehouses, prices, total and
/// per-warehouse stock). 3.x split: classifier with <c>ТипыЦен</c>/<c>Склады</c>, then <c>offers___</c> without
/// prices/stock, <c>prices___</c> and <c>rests___</c> keyed by the same offer id. A product with variants is offered
/// only as its <c>P#C</c> characteristics (each with <c>ХарактеристикиТовара</c>, own prices and stock), as УТ 11 does.
/// </summary>
public static class CommerceMLWriter
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(true), Indent = true, Async = false };

    public static void WriteImport(CatalogueModel model, Stream output, string version = "2.07", bool onlyChanges = false)
    {
        using var w = XmlWriter.Create(output, Settings);
        Root(w, version);
        Classifier(w, model, version.StartsWith('3'));
        w.WriteStartElement("Каталог");
        w.WriteAttributeString("СодержитТолькоИзменения", onlyChanges ? "true" : "false");
        w.WriteElementString("Ид", model.CatalogId);
        w.WriteElementString("ИдКлассификатора", model.ClassifierId);
        w.WriteElementString("Наименование", "Основной каталог товаров");
        w.WriteStartElement("Товары");
        foreach (var p in model.Products)
        {
            w.WriteStartElement("Товар");
            if (p.Deleted)
            {
                w.WriteAttributeString("Статус", "Удален");
            }
            w.WriteElementString("Ид", p.Id);
            w.WriteElementString("Артикул", p.Article);
            w.WriteElementString("Наименование", p.Name);
            BaseUnit(w);
            w.WriteStartElement("Группы");
            w.WriteElementString("Ид", p.GroupId);
            w.WriteEndElement();
            Pairs(w, "ЗначенияСвойств", "ЗначенияСвойства", "Ид", "Значение", p.Values.Select(v => (v.Key, v.Value)));
            w.WriteStartElement("ЗначенияРеквизитов");
            Requisite(w, "ВидНоменклатуры", "Вино");
            Requisite(w, "ТипНоменклатуры", "Товар");
            Requisite(w, "Полное наименование", p.Name);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>2.x offers: ТипыЦен and Склады in the package, then prices, Количество and Склад attributes (УТ 11.5 shape).</summary>
    public static void WriteOffers(CatalogueModel model, Stream output, string version = "2.07", bool onlyChanges = false, IReadOnlySet<string>? only = null)
    {
        using var w = XmlWriter.Create(output, Settings);
        Root(w, version);
        Package(w, model, onlyChanges);
        PriceTypes(w, model);
        Warehouses(w, model);
        w.WriteStartElement("Предложения");
        foreach (var p in Offers(model).Where(o => only is null || only.Contains(o.ProductId)))
        {
            OfferStart(w, p);
            Prices(w, model, p);
            w.WriteElementString("Количество", Number(p.Stock.Sum()));
            for (var i = 0; i < model.Warehouses.Count; i++)
            {
                w.WriteStartElement("Склад");
                w.WriteAttributeString("ИдСклада", model.Warehouses[i].Id);
                w.WriteAttributeString("КоличествоНаСкладе", Number(p.Stock[i]));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>3.x <c>offers___</c>: offer cards only (no prices, no stock).</summary>
    public static void WriteOffers3(CatalogueModel model, Stream output) => Write3(model, output, (w, p) => { });

    /// <summary>3.x <c>prices___</c>: <c>Цены</c> only.</summary>
    public static void WritePrices3(CatalogueModel model, Stream output) => Write3(model, output, (w, p) => Prices(w, model, p));

    /// <summary>3.x <c>rests___</c>: <c>Остатки/Остаток/Склад/(Ид, Количество)</c> only.</summary>
    public static void WriteRests3(CatalogueModel model, Stream output) => Write3(model, output, (w, p) =>
    {
        w.WriteStartElement("Остатки");
        for (var i = 0; i < model.Warehouses.Count; i++)
        {
            w.WriteStartElement("Остаток");
            w.WriteStartElement("Склад");
            w.WriteElementString("Ид", model.Warehouses[i].Id);
            w.WriteElementString("Количество", Number(p.Stock[i]));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    private static void Write3(CatalogueModel model, Stream output, Action<XmlWriter, Offer> body)
    {
        using var w = XmlWriter.Create(output, Settings);
        Root(w, "3.1");
        Package(w, model, onlyChanges: false);
        w.WriteStartElement("Предложения");
        foreach (var p in Offers(model))
        {
            OfferStart(w, p);
            body(w, p);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Root(XmlWriter w, string version)
    {
        w.WriteStartDocument();
        w.WriteStartElement("КоммерческаяИнформация", version.StartsWith('3') ? "urn:1C.ru:commerceml_3" : "urn:1C.ru:commerceml_2");
        w.WriteAttributeString("ВерсияСхемы", version);
        w.WriteAttributeString("ДатаФормирования", "2026-11-29T9:05:00");
    }

    private static void Classifier(XmlWriter w, CatalogueModel model, bool v3)
    {
        w.WriteStartElement("Классификатор");
        w.WriteElementString("Ид", model.ClassifierId);
        w.WriteElementString("Наименование", "Классификатор (Основной каталог товаров)");
        w.WriteStartElement("Группы");
        foreach (var root in model.Groups.Where(g => g.ParentId is null))
        {
            Group(w, model, root);
        }
        w.WriteEndElement();
        w.WriteStartElement("Свойства");
        foreach (var p in model.Properties)
        {
            w.WriteStartElement("Свойство");
            w.WriteElementString("Ид", p.Id);
            w.WriteElementString("Наименование", p.Name);
            w.WriteElementString("ТипЗначений", p.ValueType);
            if (p.Options.Count > 0)
            {
                Pairs(w, "ВариантыЗначений", "Справочник", "ИдЗначения", "Значение", p.Options);
            }
            w.WriteElementString("ДляТоваров", "true");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        if (v3)
        {
            PriceTypes(w, model);
            Warehouses(w, model);
        }
        w.WriteEndElement();
    }

    private static void Group(XmlWriter w, CatalogueModel model, GroupSpec group)
    {
        w.WriteStartElement("Группа");
        w.WriteElementString("Ид", group.Id);
        w.WriteElementString("Наименование", group.Name);
        var children = model.Groups.Where(g => g.ParentId == group.Id).ToList();
        if (children.Count > 0)
        {
            w.WriteStartElement("Группы");
            foreach (var child in children)
            {
                Group(w, model, child);
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Package(XmlWriter w, CatalogueModel model, bool onlyChanges)
    {
        w.WriteStartElement("ПакетПредложений");
        w.WriteAttributeString("СодержитТолькоИзменения", onlyChanges ? "true" : "false");
        w.WriteElementString("Ид", model.ClassifierId + "#");
        w.WriteElementString("Наименование", "Пакет предложений (Основной каталог товаров)");
        w.WriteElementString("ИдКаталога", model.CatalogId);
        w.WriteElementString("ИдКлассификатора", model.ClassifierId);
    }

    private static void PriceTypes(XmlWriter w, CatalogueModel model)
    {
        w.WriteStartElement("ТипыЦен");
        foreach (var t in model.PriceTypes)
        {
            w.WriteStartElement("ТипЦены");
            w.WriteElementString("Ид", t.Id);
            w.WriteElementString("Наименование", t.Name);
            w.WriteElementString("Валюта", t.Currency);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Warehouses(XmlWriter w, CatalogueModel model)
    {
        w.WriteStartElement("Склады");
        foreach (var s in model.Warehouses)
        {
            w.WriteStartElement("Склад");
            w.WriteElementString("Ид", s.Id);
            w.WriteElementString("Наименование", s.Name);
            w.WriteStartElement("Адрес");
            w.WriteElementString("Представление", s.Address);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>One <c>Предложение</c>: a product without variants, or one characteristic (<c>P#C</c>) of a product.</summary>
    private sealed record Offer(string Id, string ProductId, string Article, string Name, IReadOnlyList<(string Name, string Value)> Characteristics,
        decimal[] Prices, decimal[] Stock);

    private static IEnumerable<Offer> Offers(CatalogueModel model) => model.Products.SelectMany(p => p.Variants.Count == 0
        ? new[] { new Offer(p.Id, p.Id, p.Article, p.Name, [], p.Prices, p.Stock) }
        : p.Variants.Select(v => new Offer(v.Id, p.Id, p.Article, v.Name, v.Characteristics, v.Prices, v.Stock)));

    private static void OfferStart(XmlWriter w, Offer p)
    {
        w.WriteStartElement("Предложение");
        w.WriteElementString("Ид", p.Id);
        w.WriteElementString("Артикул", p.Article);
        w.WriteElementString("Наименование", p.Name);
        BaseUnit(w);
        if (p.Characteristics.Count > 0)
        {
            Pairs(w, "ХарактеристикиТовара", "ХарактеристикаТовара", "Наименование", "Значение", p.Characteristics);
        }
    }

    private static void Prices(XmlWriter w, CatalogueModel model, Offer p)
    {
        w.WriteStartElement("Цены");
        for (var i = 0; i < model.PriceTypes.Count; i++)
        {
            w.WriteStartElement("Цена");
            w.WriteElementString("Представление", $"{p.Prices[i].ToString("0.00", CultureInfo.GetCultureInfo("ru-RU"))} руб. за шт");
            w.WriteElementString("ИдТипаЦены", model.PriceTypes[i].Id);
            w.WriteElementString("ЦенаЗаЕдиницу", p.Prices[i].ToString("0.00", CultureInfo.InvariantCulture));
            w.WriteElementString("Валюта", "руб");
            w.WriteElementString("Единица", "шт");
            w.WriteElementString("Коэффициент", "1");
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void BaseUnit(XmlWriter w)
    {
        w.WriteStartElement("БазоваяЕдиница");
        w.WriteAttributeString("Код", "796 ");
        w.WriteAttributeString("НаименованиеПолное", "Штука");
        w.WriteAttributeString("МеждународноеСокращение", "PCE");
        w.WriteString("шт");
        w.WriteEndElement();
    }

    /// <summary><c>&lt;outer&gt;&lt;item&gt;&lt;key&gt;…&lt;/key&gt;&lt;value&gt;…&lt;/value&gt;&lt;/item&gt;…&lt;/outer&gt;</c>, the shape of most CommerceML lists.</summary>
    private static void Pairs(XmlWriter w, string outer, string item, string keyName, string valueName, IEnumerable<(string Key, string Value)> pairs)
    {
        w.WriteStartElement(outer);
        foreach (var (key, value) in pairs)
        {
            w.WriteStartElement(item);
            w.WriteElementString(keyName, key);
            w.WriteElementString(valueName, value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    internal static void Requisite(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("ЗначениеРеквизита");
        w.WriteElementString("Наименование", name);
        w.WriteElementString("Значение", value);
        w.WriteEndElement();
    }

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
