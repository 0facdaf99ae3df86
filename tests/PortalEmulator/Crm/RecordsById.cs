using System.Collections;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// One CRM entity's records kept in ID order, with seeks by ID range, so a list page filtered by <c>&gt;ID</c> (the
/// keyset export every SDK does) starts at the right record instead of filtering and sorting the whole store.
/// IDs only grow, so adds append; deletes shift (rare in the emulator, fine at its sizes).
/// </summary>
public sealed class RecordsById : IReadOnlyCollection<JsonObject>
{
    private readonly SortedList<int, JsonObject> _byId = [];

    public int Count => _byId.Count;

    public bool TryGet(int id, out JsonObject record) => _byId.TryGetValue(id, out record!);

    public void Set(int id, JsonObject record) => _byId[id] = record;

    public bool Remove(int id) => _byId.Remove(id);

    /// <summary>Records with <paramref name="from"/> ≤ ID ≤ <paramref name="to"/>, ascending or descending.</summary>
    public IEnumerable<JsonObject> Range(long from, long to, bool descending)
    {
        if (from > to || _byId.Count == 0)
        {
            yield break;
        }
        var keys = _byId.Keys;
        var values = _byId.Values;
        if (descending)
        {
            for (var i = FirstAbove(keys, to) - 1; i >= 0 && keys[i] >= from; i--)
            {
                yield return values[i];
            }
        }
        else
        {
            for (var i = FirstAbove(keys, Math.Max(from, int.MinValue) - 1); i < keys.Count && keys[i] <= to; i++)
            {
                yield return values[i];
            }
        }
    }

    /// <summary>Index of the first key greater than <paramref name="bound"/> (Count when none is).</summary>
    private static int FirstAbove(IList<int> keys, long bound)
    {
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (keys[mid] <= bound)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    public IEnumerator<JsonObject> GetEnumerator() => _byId.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
