using System.Text.Json.Nodes;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// A wine property whose 1C property is a <c>Справочник</c> (fixed options: colour, country …) becomes a Bitrix24 list
/// property (<c>propertyType</c> L) with one enum value per option text, and products carry the enum id; the others stay
/// S/N. Values are keyed by property code and text, so a new 1C option adds one enum value and a re-sent classifier
/// adds nothing.
/// </summary>
internal static class WineListValues
{
    public const string ListType = "Справочник";

    public static bool IsList(WineProperty property, IEnumerable<PropertyDefinition> definitions) =>
        Sources(property, definitions).Any();

    public static string ValueKey(string code, string text) => code + "|" + text;

    public static async Task AddPropertiesAsync(DesiredRows rows, IReadOnlyList<WineProperty> wine, IEnumerable<PropertyDefinition> definitions, CancellationToken ct)
    {
        var all = definitions.ToList();
        foreach (var property in wine)
        {
            var sources = Sources(property, all).ToList();
            var type = sources.Count > 0 ? "L" : property.Numeric ? "N" : "S";
            await rows.AddAsync(CatalogueKinds.Property, property.Code, new JsonObject
            {
                ["code"] = property.Code, ["name"] = property.Title, ["type"] = type,
            }, ct);
            foreach (var text in sources.SelectMany(d => d.Options).Select(o => o.Value.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal))
            {
                await rows.AddAsync(CatalogueKinds.PropertyValue, ValueKey(property.Code, text), new JsonObject
                {
                    ["code"] = property.Code, ["value"] = text,
                }, ct);
            }
        }
    }

    private static IEnumerable<PropertyDefinition> Sources(WineProperty property, IEnumerable<PropertyDefinition> definitions) =>
        definitions.Where(d => string.Equals(d.ValueType?.Trim(), ListType, StringComparison.OrdinalIgnoreCase)
            && property.OneCNames.Contains(d.Name.Trim(), StringComparer.OrdinalIgnoreCase));
}
