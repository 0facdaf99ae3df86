using System.Text;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Robots.Duplicates;

/// <summary>
/// Read-only commands sent as <c>batch</c> requests of at most 50 (sheet §4.3), so a check costs a handful of
/// requests against the portal's rate bucket whatever the number of values.
/// </summary>
internal static class CrmBatch
{
    private const int MaxCommands = 50;

    public sealed record Command(string Key, string Method, IReadOnlyList<KeyValuePair<string, string>> Query);

    public sealed class Outcome
    {
        public Dictionary<string, JToken> Results { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Bitrix24Exception> Errors { get; } = new(StringComparer.Ordinal);
    }

    public static async Task<Outcome> RunAsync(IBitrix24Client client, IReadOnlyList<Command> commands, CancellationToken ct)
    {
        var outcome = new Outcome();
        foreach (var chunk in commands.Chunk(MaxCommands))
        {
            var cmd = new JObject();
            foreach (var c in chunk) cmd[c.Key] = c.Method + "?" + Encode(c.Query);
            var response = await client.CallAsync("batch", new JObject { ["halt"] = 0, ["cmd"] = cmd }, CallKind.Read, ct);
            foreach (var (key, value) in Parts(response.Result["result"])) outcome.Results[key] = value;
            foreach (var (key, value) in Parts(response.Result["result_error"]))
            {
                var method = chunk.FirstOrDefault(c => c.Key == key)?.Method ?? "batch";
                outcome.Results.Remove(key);
                outcome.Errors[key] = new Bitrix24Exception(
                    value["error"]?.ToString() ?? value.ToString(), value["error_description"]?.ToString() ?? "", 0, method);
            }
        }
        return outcome;
    }

    /// <summary>PHP query string; bracket keys stay literal, values are percent-encoded.</summary>
    private static string Encode(IEnumerable<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in query)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(k).Append('=').Append(Uri.EscapeDataString(v));
        }
        return sb.ToString();
    }

    // Empty parts come as [] rather than {} (sheet §4.3).
    private static IEnumerable<KeyValuePair<string, JToken>> Parts(JToken? token) => token is JObject o
        ? o.Properties().Select(p => new KeyValuePair<string, JToken>(p.Name, p.Value))
        : [];
}
