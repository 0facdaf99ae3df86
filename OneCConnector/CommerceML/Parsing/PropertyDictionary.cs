namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>A property value with its name and text: <c>Справочник</c> option ids are replaced by their text.</summary>
public sealed record ResolvedProperty(string PropertyId, string Name, IReadOnlyList<string> Values);

/// <summary>
/// Collects <c>Свойство</c> definitions (from the classifier, a 3.x <c>properties/</c> package or an offers file) so
/// product and offer values can be read as name/value pairs — colour, grape, country, region, vintage, volume and
/// strength are ordinary properties in 1C. Unknown properties keep their id as the name rather than being dropped.
/// </summary>
public sealed class PropertyDictionary
{
    private readonly Dictionary<string, PropertyDefinition> definitions = new(StringComparer.Ordinal);

    public int Count => definitions.Count;

    public void Add(PropertyDefinition definition) => definitions[definition.Id.Value] = definition;

    public PropertyDefinition? Find(string propertyId) => definitions.GetValueOrDefault(propertyId);

    public IReadOnlyList<ResolvedProperty> Resolve(IEnumerable<PropertyValue> values) =>
        values.Select(Resolve).ToList();

    public ResolvedProperty Resolve(PropertyValue value)
    {
        if (!definitions.TryGetValue(value.PropertyId, out var definition))
        {
            return new ResolvedProperty(value.PropertyId, value.PropertyId, value.Values);
        }
        var texts = value.Values.Select(v => definition.ResolveOption(v) ?? v).ToList();
        return new ResolvedProperty(value.PropertyId, definition.Name, texts);
    }
}
