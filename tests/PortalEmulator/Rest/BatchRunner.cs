using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Rest;

/// <summary>
/// <c>batch</c>: up to 50 <c>"method?query"</c> commands (map or list), <c>$result[id][field]…</c> references to
/// earlier results, <c>halt</c>. The batch is one request for the bucket and free for operating; each command
/// counts for its own method.
/// </summary>
internal sealed partial class BatchRunner(EmulatedPortal portal, RestEndpoint endpoint)
{
    public const int MaxCommands = 50;

    public JsonObject Run(JsonObject parameters, Caller caller)
    {
        var start = portal.Time.GetUtcNow();
        var commands = ReadCommands(Json.Get(parameters, "cmd"));
        if (commands.Count > MaxCommands)
        {
            throw new RestError(400, "ERROR_BATCH_LENGTH_EXCEEDED", $"Max batch length exceeded ({MaxCommands})");
        }
        if (commands.Any(c => SplitCommand(c.Value).Method == "batch"))
        {
            throw new RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
        }
        portal.Stats.CountCall("batch");
        var halt = Json.Flag(Json.Get(parameters, "halt"));
        var results = new List<KeyValuePair<string, JsonNode?>>();
        var errors = new List<KeyValuePair<string, JsonNode?>>();
        var totals = new List<KeyValuePair<string, JsonNode?>>();
        var nexts = new List<KeyValuePair<string, JsonNode?>>();
        var times = new List<KeyValuePair<string, JsonNode?>>();
        var byId = new JsonObject();
        foreach (var (id, command) in commands)
        {
            var (method, query) = SplitCommand(command);
            try
            {
                var commandParams = PhpForm.Parse(query);
                Substitute(commandParams, byId);
                var invocation = endpoint.Invoke(method, commandParams, caller, inBatch: true);
                results.Add(new(id, invocation.Result.Result));
                byId[id] = invocation.Result.Result?.DeepClone();
                if (invocation.Result.Total is { } total)
                {
                    totals.Add(new(id, total));
                }
                if (invocation.Result.Next is { } next)
                {
                    nexts.Add(new(id, next));
                }
                times.Add(new(id, invocation.Time));
            }
            catch (RestError e)
            {
                errors.Add(new(id, RestEndpoint.ErrorBody(e)));
                if (halt)
                {
                    break;
                }
            }
        }
        var seconds = (portal.Time.GetUtcNow() - start).TotalSeconds;
        return new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["result"] = Json.PhpArray(results),
                ["result_error"] = Json.PhpArray(errors),
                ["result_total"] = Json.PhpArray(totals),
                ["result_next"] = Json.PhpArray(nexts),
                ["result_time"] = Json.PhpArray(times),
            },
            ["time"] = TimeBlock.Build(start, seconds, portal.Options.UtcOffset, null),
        };
    }

    private static List<KeyValuePair<string, string>> ReadCommands(JsonNode? cmd) => cmd switch
    {
        JsonObject o => o.Select(kv => new KeyValuePair<string, string>(kv.Key, Json.Text(kv.Value) ?? "")).ToList(),
        JsonArray a => a.Select((v, i) => new KeyValuePair<string, string>(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Json.Text(v) ?? "")).ToList(),
        _ => [],
    };

    private static (string Method, string Query) SplitCommand(string command)
    {
        var q = command.IndexOf('?');
        var method = q < 0 ? command : command[..q];
        return (RestEndpoint.NormaliseMethod(method), q < 0 ? "" : command[(q + 1)..]);
    }

    [GeneratedRegex(@"\$result((?:\[[^\]\[]*\])+)")]
    private static partial Regex Reference();

    private static void Substitute(JsonObject node, JsonObject results)
    {
        foreach (var key in node.Select(kv => kv.Key).ToList())
        {
            node[key] = Replace(node[key], results);
        }
    }

    private static JsonNode? Replace(JsonNode? value, JsonObject results)
    {
        switch (value)
        {
            case JsonObject o:
                Substitute(o, results);
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Replace(a[i]?.DeepClone(), results);
                }
                return a;
            default:
                var text = Json.Text(value);
                if (text is null || !text.Contains("$result", StringComparison.Ordinal))
                {
                    return value;
                }
                var whole = Reference().Match(text);
                if (whole.Success && whole.Length == text.Length)
                {
                    return Resolve(whole.Groups[1].Value, results)?.DeepClone() ?? value;
                }
                return Reference().Replace(text, m => Json.Text(Resolve(m.Groups[1].Value, results)) ?? m.Value);
        }
    }

    private static JsonNode? Resolve(string path, JsonObject results)
    {
        JsonNode? current = results;
        foreach (Match part in Regex.Matches(path, @"\[([^\]\[]*)\]"))
        {
            var key = part.Groups[1].Value;
            current = current switch
            {
                JsonObject o => o.TryGetPropertyValue(key, out var v) ? v : null,
                JsonArray a when int.TryParse(key, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }
}
