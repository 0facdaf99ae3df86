using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24App.Events;

/// <summary>
/// The <c>data[…]</c> tree of an event as handlers see it: string leaves and ordered maps (arrays become maps
/// keyed "0", "1"… the way PHP bracket forms arrive), stored as JSON between intake and dispatch.
/// </summary>
public static class EventData
{
    public static IReadOnlyDictionary<string, object> FromFormNode(object? node) => node switch
    {
        Dictionary<string, object> map => map,
        string s => new Dictionary<string, object> { [""] = s },
        _ => new Dictionary<string, object>(),
    };

    public static string ToJson(IReadOnlyDictionary<string, object> data) => JsonSerializer.Serialize(data);

    public static IReadOnlyDictionary<string, object> FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? (Dictionary<string, object>)Convert(document.RootElement)
            : new Dictionary<string, object>();
    }

    /// <summary>An offline-queue record's EVENT_DATA (JSON from <c>event.offline.get</c>; docs show <c>false</c> when empty).</summary>
    public static IReadOnlyDictionary<string, object> FromToken(JToken? token) =>
        token is JObject or JArray ? FromJson(token.ToString(Newtonsoft.Json.Formatting.None)) : new Dictionary<string, object>();

    private static object Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray()
            .Select((item, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: Convert(item)))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal),
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => element.GetRawText(),
    };
}
