using System.Globalization;
using System.Text;

namespace WineB24.OneCConnector.OData;

/// <summary>
/// One read from 1C's standard interface: an entity set or a register's <c>/Balance</c> virtual table, with the
/// query options 1C understands. Builds the relative URL with every Cyrillic name percent-encoded as UTF-8.
/// </summary>
public sealed record ODataQuery
{
    private ODataQuery(string path) => Path = path;

    /// <summary>The unescaped path: <c>Catalog_Контрагенты</c> or <c>AccumulationRegister_X/Balance(Condition='…')</c>.</summary>
    public string Path { get; }
    public string? Filter { get; init; }
    public IReadOnlyList<string>? Select { get; init; }
    public string? OrderBy { get; init; }
    public int? Top { get; init; }
    public int? Skip { get; init; }

    public static ODataQuery Set(string entitySet) => new(entitySet);

    /// <summary>
    /// <c>{register}/Balance(Period=datetime'…',Condition='…',Dimensions='a,b')</c>. No period = current balance;
    /// <paramref name="condition"/> filters movements by dimensions before summing (quotes inside are doubled; it names
    /// output fields, <c>Склад_Key eq guid'…'</c>); <paramref name="dimensions"/> groups the result. Dimensions may be
    /// given as the output fields (<c>Склад_Key</c>): 1C's parameter takes the register's dimension names
    /// (<c>Склад</c>) — every public client sends those — so a <c>_Key</c> suffix is dropped here.
    /// </summary>
    public static ODataQuery Balance(string register, DateTime? period = null, string? condition = null, IReadOnlyList<string>? dimensions = null)
    {
        var args = new List<string>();
        if (period is { } p) args.Add("Period=" + ODataLiteral.DateTime(p));
        if (!string.IsNullOrWhiteSpace(condition)) args.Add("Condition=" + ODataLiteral.Text(condition));
        if (dimensions is { Count: > 0 }) args.Add("Dimensions=" + ODataLiteral.Text(string.Join(",", dimensions.Select(DimensionName))));
        return new(register + "/Balance" + (args.Count > 0 ? "(" + string.Join(",", args) + ")" : ""));
    }

    private static string DimensionName(string field) =>
        field.EndsWith("_Key", StringComparison.Ordinal) ? field[..^4] : field;

    /// <summary>Relative URL under the publication's <c>standard.odata/</c>, always asking for JSON.</summary>
    public string ToRelativeUrl()
    {
        var sb = new StringBuilder(EscapePath(Path)).Append("?$format=json");
        if (!string.IsNullOrWhiteSpace(Filter)) sb.Append("&$filter=").Append(Uri.EscapeDataString(Filter));
        if (Select is { Count: > 0 }) sb.Append("&$select=").Append(Uri.EscapeDataString(string.Join(",", Select)));
        if (!string.IsNullOrWhiteSpace(OrderBy)) sb.Append("&$orderby=").Append(Uri.EscapeDataString(OrderBy));
        if (Top is { } top) sb.Append("&$top=").Append(top.ToString(CultureInfo.InvariantCulture));
        if (Skip is { } skip and > 0) sb.Append("&$skip=").Append(skip.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    // Path segments keep the OData punctuation of keys and function parameters ( ) = , ' / literal — sub-delims RFC 3986
    // allows in a path — and percent-encode everything else, Cyrillic as UTF-8 bytes.
    private static string EscapePath(string path)
    {
        var sb = new StringBuilder(path.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "-._~()=,'/:".Contains((char)rune.Value)))
            {
                sb.Append((char)rune.Value);
                continue;
            }
            var n = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < n; i++) sb.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}

/// <summary>OData v3 literals as 1C parses them.</summary>
public static class ODataLiteral
{
    public static string Guid(string value) => "guid'" + System.Guid.Parse(value).ToString("D") + "'";

    public static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string DateTime(DateTime value) => "datetime'" + value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "'";
}
