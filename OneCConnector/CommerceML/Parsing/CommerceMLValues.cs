using System.Globalization;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>Lenient value formats of real 1C output: <c>,</c> or <c>.</c> decimals, unpadded hours, <c>T</c> as an empty date.</summary>
public static class CommerceMLValues
{
    public static bool? ParseBool(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("истина", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("да", StringComparison.OrdinalIgnoreCase) || t == "1")
        {
            return true;
        }
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.Equals("ложь", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("нет", StringComparison.OrdinalIgnoreCase) || t == "0")
        {
            return false;
        }
        return null;
    }

    /// <summary>Parses a decimal with <c>.</c> or <c>,</c>, ignoring group spaces; null for empty; throws with a Russian reason otherwise.</summary>
    public static decimal? ParseDecimal(string? text, string what)
    {
        if (TryParseDecimal(text, out var value, out var empty))
        {
            return value;
        }
        if (empty)
        {
            return null;
        }
        throw new CommerceMLFormatException($"Некорректное число в элементе «{what}»: «{Shorten(text!)}».");
    }

    public static bool TryParseDecimal(string? text, out decimal value, out bool empty)
    {
        value = 0;
        var t = text?.Trim();
        empty = string.IsNullOrEmpty(t);
        if (empty)
        {
            return false;
        }
        var normalised = t!.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    private static readonly string[] TimeFormats = ["H:mm:ss", "H:mm:ss.FFFFFFF", "H:mm"];

    /// <summary>
    /// <c>2021-02-18</c>, <c>2021-02-18T9:49:02</c>, <c>T</c> (empty) or <c>0001-01-01</c> (1C's empty date) → null.
    /// Returns null for anything unparsable instead of failing: dates in requisites are informative only.
    /// </summary>
    public static DateTime? TryParseDateTime(string? text, string? separateTime = null)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t) || t == "T")
        {
            return null;
        }
        var datePart = t;
        string? timePart = separateTime?.Trim();
        var tIndex = t.IndexOfAny(['T', ' ']);
        if (tIndex >= 0)
        {
            datePart = t[..tIndex];
            var rest = t[(tIndex + 1)..].Trim();
            if (rest.Length > 0)
            {
                timePart = rest;
            }
        }
        if (!DateOnly.TryParseExact(datePart, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ||
            date == DateOnly.MinValue)
        {
            return null;
        }
        var time = TimeOnly.MinValue;
        if (!string.IsNullOrEmpty(timePart))
        {
            var zoneCut = timePart.IndexOfAny(['Z', '+']);
            if (zoneCut > 0)
            {
                timePart = timePart[..zoneCut];
            }
            if (!TimeOnly.TryParseExact(timePart, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
            {
                time = TimeOnly.MinValue;
            }
        }
        return date.ToDateTime(time, DateTimeKind.Unspecified);
    }

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
