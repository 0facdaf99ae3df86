using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24Client.Transport;

/// <summary>Reads a Bitrix24 answer: the success envelope or the error envelope (sheet §3).</summary>
internal static class Envelope
{
    public static JObject? TryParseObject(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(content))
            {
                // Keep dates as the portal wrote them ("2026-01-03T01:01:40+01:00") and money exact.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            return JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The response, or the typed exception for the error; switches on <c>error</c>, not on status.</summary>
    public static Bitrix24Response Parse(int status, string? content, string method)
    {
        var json = TryParseObject(content);
        if (json is null)
        {
            var snippet = content is null ? "" : content[..Math.Min(content.Length, 200)];
            if (status >= 500)
                return Throw(new InternalServerErrorException($"HTTP_{status}", "Not a Bitrix24 answer: " + snippet, status, method));
            return Throw(new Bitrix24TransportException(Bitrix24TransportException.UnexpectedAnswer,
                $"HTTP {status}, not a Bitrix24 answer: {snippet}", status, method, mayHaveReachedPortal: true));
        }
        if (json.TryGetValue("error", out var error) && error.Type != JTokenType.Null)
        {
            var code = error.Type == JTokenType.String ? (string)error! : error.ToString(Formatting.None);
            var description = json.Value<string?>("error_description") ?? "";
            throw ErrorCodes.ToException(code, description, status, method, json);
        }
        if (json.TryGetValue("result", out var result))
        {
            return new Bitrix24Response(result, ReadInt(json["total"]), ReadInt(json["next"]), ReadTime(json["time"]));
        }
        if (status >= 500)
            return Throw(new InternalServerErrorException($"HTTP_{status}", "Answer without result or error", status, method));
        return Throw(new Bitrix24TransportException(Bitrix24TransportException.UnexpectedAnswer,
            $"HTTP {status}: answer without result or error", status, method, mayHaveReachedPortal: true));
    }

    public static ResponseTime? ReadTime(JToken? token)
    {
        if (token is not JObject t) return null;
        return new ResponseTime(
            ReadDouble(t["start"]) ?? 0,
            ReadDouble(t["finish"]) ?? 0,
            ReadDouble(t["duration"]) ?? 0,
            ReadDouble(t["processing"]) ?? 0,
            ReadDouble(t["operating"]),
            ReadDouble(t["operating_reset_at"]) is { } reset ? (long)reset : null);
    }

    public static int? ReadInt(JToken? token) => ReadDouble(token) is { } d ? (int)d : null;

    private static double? ReadDouble(JToken? token) => token?.Type switch
    {
        JTokenType.Integer or JTokenType.Float => token.Value<double>(),
        JTokenType.String when double.TryParse((string?)token, System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static Bitrix24Response Throw(Exception ex) => throw ex;
}
