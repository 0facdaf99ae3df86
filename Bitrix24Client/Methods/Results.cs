using System.Globalization;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>Reads typed values out of <c>result</c>, failing loudly when the portal answered another shape.</summary>
internal static class Results
{
    public static long Id(Bitrix24Response r, string method) => r.Result.Type switch
    {
        JTokenType.Integer => (long)r.Result,
        JTokenType.String when long.TryParse((string?)r.Result, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) => id,
        _ => throw Unexpected(method, "an id", r.Result),
    };

    public static bool Flag(Bitrix24Response r) => r.Result.Type switch
    {
        JTokenType.Boolean => (bool)r.Result,
        JTokenType.Integer => (long)r.Result != 0,
        JTokenType.String => (string?)r.Result is "1" or "Y" or "true",
        JTokenType.Null => false,
        _ => true, // {count: n}, [] and objects mean the call went through
    };

    public static JObject Object(Bitrix24Response r, string method, string? wrapper = null)
    {
        var token = wrapper is null ? r.Result : r.Result[wrapper];
        return token as JObject ?? throw Unexpected(method, wrapper is null ? "an object" : $"result.{wrapper}", r.Result);
    }

    public static JArray Array(Bitrix24Response r, string method, string? wrapper = null)
    {
        var token = wrapper is null ? r.Result : r.Result[wrapper];
        return token switch
        {
            JArray a => a,
            JObject { Count: 0 } => [],
            _ => throw Unexpected(method, wrapper is null ? "an array" : $"result.{wrapper}", r.Result),
        };
    }

    public static Bitrix24Exception Unexpected(string method, string expected, JToken got) =>
        new("UNEXPECTED_RESULT", $"Expected {expected}, got {got.Type}", 200, method);
}
