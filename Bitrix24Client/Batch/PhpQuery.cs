using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24Client.Batch;

/// <summary>
/// Encodes parameters the way PHP's <c>http_build_query</c> does, which is how Bitrix24 reads a batch command's
/// query string (<c>fields[PHONE][0][VALUE]=%2B7…</c>):
/// nested objects and arrays become bracket keys (arrays by index); <c>true</c>/<c>false</c> become <c>1</c>/<c>0</c>;
/// <c>null</c> and empty arrays/objects are left out entirely (as in PHP, so they cannot clear a field: send
/// <c>""</c> to clear); numbers use the invariant culture; dates ISO 8601; values are percent-encoded UTF-8
/// (Cyrillic included, RFC 3986 unreserved characters kept). Brackets in keys stay literal (PHP's
/// <c>parse_str</c> reads both forms). A value's <c>$result[key][field]…</c> references to earlier commands are
/// kept verbatim so Bitrix24 can substitute them.
/// </summary>
public static partial class PhpQuery
{
    [GeneratedRegex(@"\$result\[[^\[\]]*\](?:\[[^\[\]]*\])*")]
    private static partial Regex ResultReference();

    public static string Encode(JToken? parameters)
    {
        var sb = new StringBuilder();
        if (parameters is not null) Append(sb, null, parameters);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string? prefix, JToken token)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var p in obj.Properties())
                    Append(sb, prefix is null ? Uri.EscapeDataString(p.Name) : $"{prefix}[{Uri.EscapeDataString(p.Name)}]", p.Value);
                return;
            case JArray arr:
                if (prefix is null) throw new ArgumentException("Top-level parameters must be an object");
                for (var i = 0; i < arr.Count; i++) Append(sb, $"{prefix}[{i.ToString(CultureInfo.InvariantCulture)}]", arr[i]);
                return;
        }
        if (prefix is null) throw new ArgumentException("Top-level parameters must be an object");
        var value = Scalar(token);
        if (value is null) return;
        if (sb.Length > 0) sb.Append('&');
        sb.Append(prefix).Append('=').Append(EncodeValue(value));
    }

    private static string? Scalar(JToken token) => token.Type switch
    {
        JTokenType.Null or JTokenType.Undefined => null,
        JTokenType.Boolean => (bool)token ? "1" : "0",
        JTokenType.Integer => ((JValue)token).Value is System.Numerics.BigInteger big
            ? big.ToString(CultureInfo.InvariantCulture)
            : Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture),
        JTokenType.Float => ((JValue)token).Value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        },
        JTokenType.Date => ((JValue)token).Value switch
        {
            DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString(dt.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        },
        JTokenType.TimeSpan or JTokenType.Guid or JTokenType.Uri or JTokenType.String => Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    private static string EncodeValue(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        var last = 0;
        foreach (Match m in ResultReference().Matches(value))
        {
            sb.Append(Uri.EscapeDataString(value[last..m.Index]));
            sb.Append(m.Value);
            last = m.Index + m.Length;
        }
        sb.Append(Uri.EscapeDataString(value[last..]));
        return sb.ToString();
    }
}
