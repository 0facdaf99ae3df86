using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24Client.Batch;

/// <summary>
/// A batch's per-command outcome, by command key. A key is in <see cref="Results"/> or in <see cref="Errors"/>;
/// with <c>halt</c> the commands after the first failure are in neither (<see cref="NotRun"/>).
/// </summary>
public sealed class BatchResult
{
    public Dictionary<string, JToken> Results { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Bitrix24Exception> Errors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Totals { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Nexts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ResponseTime> Times { get; } = new(StringComparer.Ordinal);
    public List<string> NotRun { get; } = [];

    /// <summary>The result of <paramref name="key"/>; throws its typed error when it failed.</summary>
    public JToken this[string key] =>
        Results.TryGetValue(key, out var r) ? r
        : Errors.TryGetValue(key, out var e) ? throw e
        : throw new KeyNotFoundException($"Batch command '{key}' did not run");

    internal void Merge(BatchResult other)
    {
        foreach (var (k, v) in other.Results) { Results[k] = v; Errors.Remove(k); }
        foreach (var (k, v) in other.Errors) Errors[k] = v;
        foreach (var (k, v) in other.Totals) Totals[k] = v;
        foreach (var (k, v) in other.Nexts) Nexts[k] = v;
        foreach (var (k, v) in other.Times) Times[k] = v;
        NotRun.RemoveAll(k => Results.ContainsKey(k) || Errors.ContainsKey(k));
        foreach (var k in other.NotRun) if (!NotRun.Contains(k)) NotRun.Add(k);
    }
}
