using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// Records by id plus a secondary index on one field, so lookups like <c>filter[@xmlId]</c> or a price's
/// product stay fast in a 20,000-product catalogue (the benchmark's size) instead of scanning every record.
/// </summary>
internal sealed class IndexedRecords(string indexedField) : IReadOnlyDictionary<int, JsonObject>
{
    private readonly Dictionary<int, JsonObject> records = [];
    private readonly Dictionary<string, HashSet<int>> index = new(StringComparer.Ordinal);

    public string IndexedField => indexedField;

    public JsonObject this[int key]
    {
        get => records[key];
        set
        {
            Remove(key);
            records[key] = value;
            if (Key(value) is { } k)
            {
                (index.TryGetValue(k, out var ids) ? ids : index[k] = []).Add(key);
            }
        }
    }

    public bool Remove(int key)
    {
        if (!records.Remove(key, out var old))
        {
            return false;
        }
        if (Key(old) is { } k && index.TryGetValue(k, out var ids))
        {
            ids.Remove(key);
            if (ids.Count == 0)
            {
                index.Remove(k);
            }
        }
        return true;
    }

    /// <summary>Records whose indexed field equals one of <paramref name="values"/>.</summary>
    public IEnumerable<JsonObject> WithValues(IEnumerable<string?> values) =>
        values.OfType<string>().Distinct().SelectMany(v => index.TryGetValue(v, out var ids) ? ids : []).Distinct().Select(id => records[id]);

    /// <summary>
    /// The candidates for a list filter: narrowed through the index when the filter pins the indexed field
    /// (<c>field</c>, <c>=field</c> or <c>@field</c>), else everything. The full filter still runs on the result.
    /// </summary>
    public IEnumerable<JsonObject> Candidates(JsonNode? filter)
    {
        if (filter is JsonObject f)
        {
            foreach (var key in new[] { indexedField, "=" + indexedField, "@" + indexedField })
            {
                if (Json.Get(f, key) is { } value)
                {
                    return WithValues(Json.Items(value).Select(Json.Text));
                }
            }
        }
        return records.Values;
    }

    private string? Key(JsonObject record) => Json.Text(record[indexedField]);

    public IEnumerable<int> Keys => records.Keys;
    public IEnumerable<JsonObject> Values => records.Values;
    public int Count => records.Count;
    public bool ContainsKey(int key) => records.ContainsKey(key);
    public bool TryGetValue(int key, [MaybeNullWhen(false)] out JsonObject value) => records.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<int, JsonObject>> GetEnumerator() => records.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
