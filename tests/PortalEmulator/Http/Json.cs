using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Http;

/// <summary>Loose reading of values that may arrive as JSON numbers, strings ("5") or PHP form text.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        // Raw UTF-8 (Cyrillic readable in logs); only what JSON requires is escaped. Any JSON reader copes with
        // PHP's \uXXXX style too, so readability wins here.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "Y" : "N",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        JsonValue v => v.ToString(),
        _ => null,
    };

    public static long? Long(JsonNode? node)
    {
        var t = Text(node);
        if (t is null)
        {
            return null;
        }
        if (long.TryParse(t.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }
        return double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) ? (long)d : null;
    }

    public static int? Int(JsonNode? node) => Long(node) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    public static double? Double(JsonNode? node)
        => Text(node) is { } t && double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static bool Flag(JsonNode? node, bool fallback = false)
    {
        var t = Text(node)?.Trim();
        return t switch
        {
            null or "" => fallback,
            "Y" or "y" or "1" or "true" or "True" => true,
            _ => false,
        };
    }

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(Options);

    /// <summary>Case-insensitive member lookup, because Bitrix24 reads <c>fields</c> and <c>FIELDS</c> alike.</summary>
    public static JsonNode? Get(JsonObject? obj, string name)
    {
        if (obj is null)
        {
            return null;
        }
        if (obj.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }
        foreach (var (k, v) in obj)
        {
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }
        return null;
    }

    /// <summary>A list as PHP sees it: arrays stay, maps give their values, a scalar is a one-item list.</summary>
    public static List<JsonNode?> Items(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => a.ToList(),
        JsonObject o => o.Select(kv => kv.Value).ToList(),
        _ => [node],
    };

    /// <summary>PHP arrays serialise as [] when empty or 0..n-1 keyed, as {} otherwise.</summary>
    public static JsonNode PhpArray(IEnumerable<KeyValuePair<string, JsonNode?>> entries)
    {
        var list = entries.ToList();
        var sequential = list.Select((kv, i) => kv.Key == i.ToString(CultureInfo.InvariantCulture)).All(x => x);
        if (sequential)
        {
            var arr = new JsonArray();
            foreach (var (_, v) in list)
            {
                arr.Add(v?.DeepClone());
            }
            return arr;
        }
        var obj = new JsonObject();
        foreach (var (k, v) in list)
        {
            obj[k] = v?.DeepClone();
        }
        return obj;
    }
}
