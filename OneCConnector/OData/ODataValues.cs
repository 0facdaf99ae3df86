using System.Globalization;
using System.Text.Json.Nodes;

namespace WineB24.OneCConnector.OData;

/// <summary>Reading 1C's JSON values: references, decimals (JSON numbers, or text on some publications), dates.</summary>
public static class ODataValues
{
    public const string EmptyRef = "00000000-0000-0000-0000-000000000000";

    public static string Text(JsonObject row, string name) =>
        row[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static bool IsEmptyRef(string key) => key.Length == 0 || key == EmptyRef;

    public static decimal Number(JsonObject row, string name) => row[name] switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) => p,
        _ => 0m,
    };

    /// <summary>1C writes an empty date as <c>0001-01-01T00:00:00</c>: that is null here.</summary>
    public static DateOnly? Date(JsonObject row, string name) =>
        Text(row, name) is { Length: > 0 } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year > 1
            ? DateOnly.FromDateTime(d)
            : null;
}
