using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Http;

/// <summary>
/// PHP's view of form data: <c>parse_str</c> (bracket keys become nested maps; maps whose keys are 0..n-1 become
/// lists) and <c>http_build_query</c> (the reverse, brackets percent-encoded, spaces as '+').
/// The emulator keeps its own copy on purpose: a fake must not share code with the client it tests.
/// </summary>
public static class PhpForm
{
    /// <summary>Parses a raw query string or urlencoded body (leading '?' allowed).</summary>
    public static JsonObject Parse(string? text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(text))
        {
            foreach (var part in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                var k = eq < 0 ? part : part[..eq];
                var v = eq < 0 ? "" : part[(eq + 1)..];
                pairs.Add(new(Decode(k), Decode(v)));
            }
        }
        return FromPairs(pairs);
    }

    public static string Decode(string s) => WebUtility.UrlDecode(s);

    /// <summary>Builds the tree from already-decoded pairs.</summary>
    public static JsonObject FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            var path = SplitKey(key);
            if (path.Count == 0)
            {
                continue;
            }
            Insert(root, path, value);
        }
        return (JsonObject)Listify(root);
    }

    private static List<string?> SplitKey(string key)
    {
        var path = new List<string?>();
        var open = key.IndexOf('[');
        if (open <= 0 || !key.Contains(']'))
        {
            if (key.Length > 0)
            {
                path.Add(key);
            }
            return path;
        }
        path.Add(key[..open]);
        var i = open;
        while (i < key.Length && key[i] == '[')
        {
            var close = key.IndexOf(']', i);
            if (close < 0)
            {
                break;
            }
            var segment = key[(i + 1)..close];
            path.Add(segment.Length == 0 ? null : segment);
            i = close + 1;
        }
        return path;
    }

    private static void Insert(JsonObject root, List<string?> path, string value)
    {
        JsonObject current = root;
        for (var i = 0; i < path.Count; i++)
        {
            var segment = path[i] ?? NextIndex(current);
            if (i == path.Count - 1)
            {
                current[segment] = JsonValue.Create(value);
                return;
            }
            if (current[segment] is not JsonObject child)
            {
                child = new JsonObject();
                current[segment] = child;
            }
            current = child;
        }
    }

    private static string NextIndex(JsonObject map)
    {
        var max = -1;
        foreach (var (k, _) in map)
        {
            if (int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > max)
            {
                max = n;
            }
        }
        return (max + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static JsonNode Listify(JsonObject map)
    {
        var keys = map.Select(kv => kv.Key).ToList();
        foreach (var k in keys)
        {
            if (map[k] is JsonObject child)
            {
                var converted = Listify(child);
                if (!ReferenceEquals(converted, child))
                {
                    map[k] = converted;
                }
            }
        }
        if (map.Count == 0 || keys.Where((k, i) => k != i.ToString(CultureInfo.InvariantCulture)).Any())
        {
            return map;
        }
        var list = new JsonArray();
        foreach (var k in keys)
        {
            var node = map[k];
            map.Remove(k);
            list.Add(node);
        }
        return list;
    }

    /// <summary>Flattens a JSON tree into PHP bracket pairs (<c>data[FIELDS][ID]</c>), in order.</summary>
    public static List<KeyValuePair<string, string>> Flatten(JsonNode? node, string prefix = "")
    {
        var pairs = new List<KeyValuePair<string, string>>();
        FlattenInto(pairs, node, prefix);
        return pairs;
    }

    private static void FlattenInto(List<KeyValuePair<string, string>> pairs, JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (k, v) in obj)
                {
                    FlattenInto(pairs, v, prefix.Length == 0 ? k : $"{prefix}[{k}]");
                }
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    FlattenInto(pairs, arr[i], $"{prefix}[{i}]");
                }
                break;
            case null:
                pairs.Add(new(prefix, ""));
                break;
            default:
                pairs.Add(new(prefix, Json.Text(node) ?? ""));
                break;
        }
    }

    /// <summary><c>http_build_query</c>: RFC1738 encoding (space = '+'), brackets encoded.</summary>
    public static string Build(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in pairs)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }
            sb.Append(Encode(k)).Append('=').Append(Encode(v));
        }
        return sb.ToString();
    }

    public static string Build(JsonNode? node) => Build(Flatten(node));

    /// <summary>PHP urlencode: alphanumerics and <c>-_.</c> stay, space becomes '+', the rest %XX of UTF-8.</summary>
    public static string Encode(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
