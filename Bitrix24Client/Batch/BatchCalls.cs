using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Transport;

namespace WineB24.Bitrix24Client.Batch;

/// <summary><c>batch</c> (sheet §4.3): up to 50 commands per request; many commands as ⌈N/50⌉ requests.</summary>
public static class BatchCalls
{
    public const int MaxCommands = 50;

    // Commands refused for limits were not executed by the portal, so they are sent again (after the governor's
    // wait) this many times before their error is reported.
    private const int LimitResends = 5;

    /// <summary>
    /// Runs ≤ 50 commands in one <c>batch</c> (more throws before anything is sent). The batch's
    /// <see cref="CallKind"/> is the most dangerous of its commands.
    /// </summary>
    public static async Task<BatchResult> BatchAsync(this IBitrix24Client client, IReadOnlyList<BatchCommand> commands,
        bool halt = false, CancellationToken cancellationToken = default)
    {
        Validate(commands);
        var result = await SendAsync(client, commands, halt, cancellationToken).ConfigureAwait(false);
        // A command refused for a limit never ran; resend it unless it refers to other commands' results.
        for (var i = 0; i < LimitResends && !halt; i++)
        {
            var again = commands.Where(c => result.Errors.TryGetValue(c.Key, out var e)
                && e is QueryLimitExceededException or OperationTimeLimitException
                && !c.ToQuery().Contains("$result[", StringComparison.Ordinal)).ToList();
            if (again.Count == 0) break;
            result.Merge(await SendAsync(client, again, halt, cancellationToken).ConfigureAwait(false));
        }
        return result;
    }

    /// <summary>
    /// Runs any number of commands as consecutive batches of 50, in order, and merges the outcomes. References
    /// (<c>$result[key]</c>) work only within the same 50. With <paramref name="halt"/> it stops after the first
    /// batch with a failure; the rest are listed in <see cref="BatchResult.NotRun"/>.
    /// </summary>
    public static async Task<BatchResult> RunAsync(this IBitrix24Client client, IEnumerable<BatchCommand> commands,
        bool halt = false, CancellationToken cancellationToken = default)
    {
        var all = commands.ToList();
        EnsureUniqueKeys(all);
        var total = new BatchResult();
        for (var offset = 0; offset < all.Count; offset += MaxCommands)
        {
            var chunk = all.GetRange(offset, Math.Min(MaxCommands, all.Count - offset));
            total.Merge(await client.BatchAsync(chunk, halt, cancellationToken).ConfigureAwait(false));
            if (halt && total.Errors.Count > 0)
            {
                total.NotRun.AddRange(all.Skip(offset + chunk.Count).Select(c => c.Key));
                break;
            }
        }
        return total;
    }

    /// <summary>The <c>cmd</c> value: <c>method?query</c>.</summary>
    public static string ToQuery(this BatchCommand command)
    {
        var query = PhpQuery.Encode(PortalClient.ToJObject(command.Parameters));
        return query.Length == 0 ? command.Method : command.Method + "?" + query;
    }

    private static async Task<BatchResult> SendAsync(IBitrix24Client client, IReadOnlyList<BatchCommand> commands, bool halt, CancellationToken ct)
    {
        var cmd = new JObject();
        foreach (var c in commands) cmd[c.Key] = c.ToQuery();
        var kind = commands.Max(c => c.Kind);
        var response = await client.CallAsync("batch", new JObject { ["halt"] = halt ? 1 : 0, ["cmd"] = cmd }, kind, ct).ConfigureAwait(false);
        return Read(commands, response.Result);
    }

    internal static BatchResult Read(IReadOnlyList<BatchCommand> commands, JToken result)
    {
        var outcome = new BatchResult();
        var methods = commands.ToDictionary(c => c.Key, c => c.Method, StringComparer.Ordinal);
        foreach (var (key, value) in Parts(result["result"])) outcome.Results[key] = value;
        foreach (var (key, value) in Parts(result["result_error"]))
        {
            var method = methods.GetValueOrDefault(key, "batch");
            outcome.Results.Remove(key);
            outcome.Errors[key] = value is JObject e
                ? ErrorCodes.ToException(e["error"]?.ToString() ?? "", e.Value<string?>("error_description") ?? "", 0, method, e)
                : ErrorCodes.ToException(value.ToString(), "", 0, method);
        }
        foreach (var (key, value) in Parts(result["result_total"]))
            if (Envelope.ReadInt(value) is { } t) outcome.Totals[key] = t;
        foreach (var (key, value) in Parts(result["result_next"]))
            if (Envelope.ReadInt(value) is { } n) outcome.Nexts[key] = n;
        foreach (var (key, value) in Parts(result["result_time"]))
            if (Envelope.ReadTime(value) is { } t) outcome.Times[key] = t;
        foreach (var c in commands)
            if (!outcome.Results.ContainsKey(c.Key) && !outcome.Errors.ContainsKey(c.Key)) outcome.NotRun.Add(c.Key);
        return outcome;
    }

    /// <summary>Empty parts come as <c>[]</c>; numeric keys in order may come back as a JSON array.</summary>
    private static IEnumerable<KeyValuePair<string, JToken>> Parts(JToken? token) => token switch
    {
        JObject o => o.Properties().Select(p => new KeyValuePair<string, JToken>(p.Name, p.Value)),
        JArray a => a.Select((v, i) => new KeyValuePair<string, JToken>(i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)),
        _ => [],
    };

    private static void Validate(IReadOnlyList<BatchCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0) throw new ArgumentException("A batch needs at least one command", nameof(commands));
        if (commands.Count > MaxCommands)
            throw new ArgumentOutOfRangeException(nameof(commands), commands.Count,
                $"Bitrix24 runs at most {MaxCommands} commands per batch (ERROR_BATCH_LENGTH_EXCEEDED); use RunAsync");
        foreach (var c in commands)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(c.Key);
            ArgumentException.ThrowIfNullOrWhiteSpace(c.Method);
            if (string.Equals(c.Method, "batch", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException("Bitrix24 does not allow batch inside batch", nameof(commands));
        }
        EnsureUniqueKeys(commands);
    }

    private static void EnsureUniqueKeys(IEnumerable<BatchCommand> commands)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in commands)
            if (!seen.Add(c.Key)) throw new ArgumentException($"Duplicate batch key '{c.Key}'", nameof(commands));
    }
}
