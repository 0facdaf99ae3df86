using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// Bitrix24 list filters: <c>{"&gt;ID": 5, "%TITLE": "вино", "!STAGE_ID": "WON", "@ID": [1,2]}</c>. Operators
/// <c>&gt;= &gt; &lt;= &lt; = != ! % !% =% %= @ !@</c>; array values mean "any of"; multi-fields (PHONE/EMAIL)
/// match any of their values. Numbers compare as numbers, dates as dates, text case-insensitively.
/// </summary>
public static class RecordFilter
{
    private static readonly string[] Operators = ["!@", ">=", "<=", "!=", "!%", "=%", "%=", ">", "<", "=", "!", "%", "@"];

    /// <summary>One filter entry: field name (after mapping), operator ("" = equals) and the wanted values.</summary>
    public sealed record Condition(string Name, string Op, List<string?> Wanted);

    public static List<Condition> Conditions(JsonNode? filter, Func<string, string>? mapName = null)
    {
        var conditions = new List<Condition>();
        if (filter is not JsonObject obj)
        {
            return conditions;
        }
        foreach (var (rawKey, value) in obj)
        {
            if (string.Equals(rawKey, "logic", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var op = Operators.FirstOrDefault(o => rawKey.StartsWith(o, StringComparison.Ordinal)) ?? "";
            var name = rawKey[op.Length..];
            if (mapName is not null)
            {
                name = mapName(name);
            }
            var wanted = value is JsonArray arr ? arr.Select(Json.Text).ToList() : [Json.Text(value)];
            conditions.Add(new Condition(name, op, wanted));
        }
        return conditions;
    }

    public static Func<JsonObject, bool> Build(JsonNode? filter, Func<string, string>? mapName = null)
        => Build(Conditions(filter, mapName));

    public static Func<JsonObject, bool> Build(List<Condition> conditions)
    {
        if (conditions.Count == 0)
        {
            return _ => true;
        }
        var tests = conditions.Select(c => (Func<JsonObject, bool>)(record => Matches(Values(record, c.Name), c.Op, c.Wanted))).ToList();
        return record => tests.All(t => t(record));
    }

    private static List<string?> Values(JsonObject record, string name)
    {
        var node = Json.Get(record, name);
        return node switch
        {
            JsonArray a => a.Select(v => v is JsonObject mf ? Json.Text(mf["VALUE"]) : Json.Text(v)).ToList(),
            _ => [Json.Text(node)],
        };
    }

    private static bool Matches(List<string?> actual, string op, List<string?> wanted)
    {
        if (actual.Count == 0)
        {
            actual = [null];
        }
        return op switch
        {
            "" or "=" or "@" => actual.Any(a => wanted.Any(w => Compare(a, w) == 0)),
            "!" or "!=" or "!@" => !actual.Any(a => wanted.Any(w => Compare(a, w) == 0)),
            ">" => actual.Any(a => wanted.Any(w => a is not null && Compare(a, w) > 0)),
            ">=" => actual.Any(a => wanted.Any(w => a is not null && Compare(a, w) >= 0)),
            "<" => actual.Any(a => wanted.Any(w => a is not null && Compare(a, w) < 0)),
            "<=" => actual.Any(a => wanted.Any(w => a is not null && Compare(a, w) <= 0)),
            "%" => actual.Any(a => wanted.Any(w => Contains(a, w))),
            "!%" => !actual.Any(a => wanted.Any(w => Contains(a, w))),
            "=%" => actual.Any(a => wanted.Any(w => a is not null && w is not null && a.StartsWith(w.TrimEnd('%'), StringComparison.OrdinalIgnoreCase))),
            "%=" => actual.Any(a => wanted.Any(w => a is not null && w is not null && a.EndsWith(w.TrimStart('%'), StringComparison.OrdinalIgnoreCase))),
            _ => false,
        };
    }

    private static bool Contains(string? actual, string? wanted)
        => actual is not null && wanted is not null && actual.Contains(wanted.Trim('%'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Numbers as numbers, dates as dates, otherwise case-insensitive text; empty equals null.</summary>
    public static int Compare(string? a, string? b)
    {
        a = string.IsNullOrEmpty(a) ? null : a;
        b = string.IsNullOrEmpty(b) ? null : b;
        if (a is null || b is null)
        {
            return a is null && b is null ? 0 : a is null ? -1 : 1;
        }
        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
        {
            return da.CompareTo(db);
        }
        if (a.Length >= 10 && b.Length >= 10
            && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ta)
            && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var tb))
        {
            return ta.CompareTo(tb);
        }
        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
