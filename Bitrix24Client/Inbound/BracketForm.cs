using System.Text;

namespace WineB24.Bitrix24Client.Inbound;

/// <summary>
/// A form-encoded Bitrix24 call (<c>auth[member_id]=…&amp;data[FIELDS][ID]=…&amp;document_id[0]=crm</c>) parsed
/// into a tree the way PHP does: bracket keys make nested maps, numeric keys keep their order.
/// </summary>
public sealed class BracketForm
{
    private readonly Dictionary<string, object> _root;

    private BracketForm(Dictionary<string, object> root) => _root = root;

    /// <summary>Parses pairs that ASP.NET (or anything else) already percent-decoded.</summary>
    public static BracketForm FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            Insert(root, SplitKey(key), value);
        }
        return new BracketForm(root);
    }

    /// <summary>Parses a raw <c>application/x-www-form-urlencoded</c> body.</summary>
    public static BracketForm Parse(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var k = eq < 0 ? part : part[..eq];
            var v = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Decode(k), Decode(v)));
        }
        return FromPairs(pairs);
    }

    /// <summary>A leaf value by path, e.g. <c>Get("auth", "member_id")</c>; null when absent or not a leaf.</summary>
    public string? Get(params string[] path) => Node(path) as string;

    /// <summary>The children of a map node as ordered key/value strings (non-leaf children are skipped).</summary>
    public IReadOnlyDictionary<string, string> GetMap(params string[] path)
    {
        if (Node(path) is not Dictionary<string, object> map)
        {
            return new Dictionary<string, string>();
        }
        return map.Where(kv => kv.Value is string).ToDictionary(kv => kv.Key, kv => (string)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The leaf values under a node in key order (<c>document_id[0..2]</c>, <c>properties[TAGS][n]</c>).</summary>
    public IReadOnlyList<string> GetList(params string[] path) => Node(path) switch
    {
        string s => [s],
        Dictionary<string, object> map => map.Values.OfType<string>().ToList(),
        _ => [],
    };

    /// <summary>The raw tree node: a string leaf or an ordered map of children.</summary>
    public object? Node(params string[] path)
    {
        object current = _root;
        foreach (var segment in path)
        {
            if (current is not Dictionary<string, object> map || !map.TryGetValue(segment, out var next))
            {
                return null;
            }
            current = next;
        }
        return current;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>Splits <c>a[b][c]</c> into a, b, c; <c>a[]</c> yields an empty segment (append).</summary>
    internal static List<string> SplitKey(string key)
    {
        var open = key.IndexOf('[');
        if (open <= 0 || !key.EndsWith(']'))
        {
            return [key];
        }
        var segments = new List<string> { key[..open] };
        var i = open;
        while (i < key.Length && key[i] == '[')
        {
            var close = key.IndexOf(']', i);
            if (close < 0)
            {
                return [key];
            }
            segments.Add(key[(i + 1)..close]);
            i = close + 1;
        }
        return i == key.Length ? segments : [key];
    }

    private static void Insert(Dictionary<string, object> root, List<string> segments, string value)
    {
        var map = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i].Length == 0 ? NextIndex(map) : segments[i];
            if (i == segments.Count - 1)
            {
                map[segment] = value;
                return;
            }
            if (!map.TryGetValue(segment, out var child) || child is not Dictionary<string, object> childMap)
            {
                childMap = new Dictionary<string, object>(StringComparer.Ordinal);
                map[segment] = childMap;
            }
            map = childMap;
        }
    }

    private static string NextIndex(Dictionary<string, object> map)
    {
        var max = -1;
        foreach (var k in map.Keys)
        {
            if (int.TryParse(k, out var n) && n > max)
            {
                max = n;
            }
        }
        return (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb, _root, "");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Dictionary<string, object> map, string prefix)
    {
        foreach (var (k, v) in map)
        {
            var name = prefix.Length == 0 ? k : $"{prefix}[{k}]";
            if (v is Dictionary<string, object> child)
            {
                Append(sb, child, name);
            }
            else
            {
                sb.Append(name).Append('=').Append(name.StartsWith("auth[", StringComparison.Ordinal) ? "***" : v).Append('\n');
            }
        }
    }
}
