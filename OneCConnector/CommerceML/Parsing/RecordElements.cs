using System.Xml.Linq;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>Child lookups on a loaded record; values are trimmed because 1C pads fixed-length fields.</summary>
internal static class RecordElements
{
    public static XElement? Child(this XElement e, string name) => e.Element(name);

    public static IEnumerable<XElement> Children(this XElement e, string name) => e.Elements(name);

    public static IEnumerable<XElement> Grandchildren(this XElement e, string container, string item) =>
        e.Elements(container).Elements(item);

    /// <summary>Trimmed text of a child; null if absent or blank.</summary>
    public static string? Text(this XElement e, string name) => Clean(e.Element(name)?.Value);

    public static string? Attr(this XElement e, string name) => Clean(e.Attribute(name)?.Value);

    public static string? Clean(string? value)
    {
        var t = value?.Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }

    public static bool Flag(this XElement e, string name) => CommerceMLValues.ParseBool(e.Text(name)) == true;

    public static decimal? Decimal(this XElement e, string name) => CommerceMLValues.ParseDecimal(e.Element(name)?.Value, name);

    /// <summary>A record without <c>Ид</c> cannot be keyed; the reason names the record and its name for the operator.</summary>
    public static OneCId RequiredId(this XElement e, string what)
    {
        var id = OneCId.From(e.Element("Ид")?.Value);
        if (id is null)
        {
            var name = e.Text("Наименование");
            throw new CommerceMLFormatException(name is null
                ? $"{what} без идентификатора (Ид)."
                : $"{what} «{CommerceMLValues.Shorten(name)}» без идентификатора (Ид).");
        }
        return id.Value;
    }

    public static IReadOnlyList<NamedValue> NamedValues(this XElement e, string container, string item) =>
        e.Grandchildren(container, item)
            .Select(x => (Name: x.Text("Наименование"), Value: x.Text("Значение")))
            .Where(x => x.Name is not null)
            .Select(x => new NamedValue(x.Name!, x.Value))
            .ToList();

    public static IReadOnlyList<PropertyValue> PropertyValues(this XElement e) =>
        e.Grandchildren("ЗначенияСвойств", "ЗначенияСвойства")
            .Select(x => (Id: x.Text("Ид") ?? x.Text("Наименование"), Values: x.Children("Значение").Select(v => Clean(v.Value)).OfType<string>().ToList()))
            .Where(x => x.Id is not null)
            .Select(x => new PropertyValue(x.Id!, x.Values))
            .ToList();

    public static BaseUnit? BaseUnit(this XElement e)
    {
        var unit = e.Child("БазоваяЕдиница");
        return unit is null
            ? null
            : new BaseUnit(unit.Attr("Код"), unit.Attr("МеждународноеСокращение"), unit.Attr("НаименованиеПолное"), unit.HasElements ? null : Clean(unit.Value));
    }
}
