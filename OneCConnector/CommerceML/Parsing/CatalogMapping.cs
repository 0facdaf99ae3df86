using System.Xml.Linq;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>Maps <c>Классификатор</c> items and <c>Каталог/Товары/Товар</c> to records.</summary>
internal static class CatalogMapping
{
    /// <summary>Flattens a top-level <c>Группа</c> with its nested <c>Группы</c>, parents before children.</summary>
    public static IEnumerable<ProductGroup> Groups(XElement group, OneCId? parentId)
    {
        var id = group.RequiredId("Группа");
        yield return new ProductGroup(id, group.Text("Наименование") ?? id.Value, parentId, group.Flag("ПометкаУдаления"));
        foreach (var child in group.Grandchildren("Группы", "Группа"))
        {
            foreach (var g in Groups(child, id))
            {
                yield return g;
            }
        }
    }

    public static PropertyDefinition Property(XElement e)
    {
        var id = e.RequiredId("Свойство");
        var options = e.Grandchildren("ВариантыЗначений", "Справочник")
            .Select(o => (Id: o.Text("ИдЗначения"), Value: o.Text("Значение")))
            .Where(o => o.Id is not null)
            .Select(o => new PropertyOption(o.Id!, o.Value ?? string.Empty))
            .ToList();
        return new PropertyDefinition(id, e.Text("Наименование") ?? id.Value, e.Text("ТипЗначений"), options,
            CommerceMLValues.ParseBool(e.Text("ДляТоваров")), CommerceMLValues.ParseBool(e.Text("ДляПредложений")), e.Flag("ПометкаУдаления"));
    }

    public static PriceType PriceType(XElement e)
    {
        var id = e.RequiredId("Тип цены");
        return new PriceType(id, e.Text("Наименование") ?? id.Value, e.Text("Валюта"), e.Flag("ПометкаУдаления"));
    }

    public static Warehouse Warehouse(XElement e)
    {
        var id = e.RequiredId("Склад");
        var address = e.Child("Адрес") is { } a ? a.Text("Представление") ?? RecordElements.Clean(a.HasElements ? null : a.Value) : null;
        return new Warehouse(id, e.Text("Наименование") ?? id.Value, address, e.Flag("ПометкаУдаления"));
    }

    public static MeasureUnit Unit(XElement e) =>
        new(e.Text("Ид"), e.Text("Код"), e.Text("НаименованиеКраткое"), e.Text("НаименованиеПолное"), e.Text("МеждународноеСокращение"));

    public static ProductCategory Category(XElement e)
    {
        var id = e.RequiredId("Категория");
        return new ProductCategory(id, e.Text("Наименование") ?? id.Value);
    }

    public static Product Product(XElement e)
    {
        var id = e.RequiredId("Товар");
        return new Product(
            id,
            e.Text("Артикул"),
            e.Text("Код"),
            e.Text("Штрихкод"),
            e.Text("Наименование") ?? id.Value,
            e.Text("Описание"),
            e.BaseUnit(),
            e.Grandchildren("Группы", "Ид").Select(g => RecordElements.Clean(g.Value)).OfType<string>().ToList(),
            e.Text("Категория"),
            e.PropertyValues(),
            e.NamedValues("ЗначенияРеквизитов", "ЗначениеРеквизита"),
            e.Grandchildren("СтавкиНалогов", "СтавкаНалога")
                .Select(t => (Name: t.Text("Наименование"), Rate: t.Text("Ставка")))
                .Where(t => t.Name is not null)
                .Select(t => new TaxRate(t.Name!, t.Rate))
                .ToList(),
            e.NamedValues("ХарактеристикиТовара", "ХарактеристикаТовара"),
            e.Children("Картинка").Select(p => RecordElements.Clean(p.Value)).OfType<string>().ToList(),
            e.Attr("Статус") ?? e.Text("Статус"),
            e.Flag("ПометкаУдаления"),
            e.Text("НомерВерсии"));
    }
}
