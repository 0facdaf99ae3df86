using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// Filter, order and page a set of records the way list methods do: 50 per page, <c>start</c>, <c>next</c> absent on
/// the last page, <c>total</c>; <c>start=-1</c> skips the count and paging members.
/// </summary>
public static class RecordList
{
    public const int PageSize = 50;

    public sealed record Page(List<JsonObject> Rows, int? Total, int? Next);

    /// <summary>
    /// Runs a list call. On a <see cref="RecordsById"/> ordered by ID (or not ordered) it seeks by the filter's ID
    /// bounds and walks records in storage order, stopping after one page for <c>start=-1</c>; otherwise (or for
    /// any other order) it filters and sorts the whole set. Both give the same rows, total and next.
    /// </summary>
    public static Page Run(IEnumerable<JsonObject> records, JsonNode? filter, JsonNode? order, JsonNode? start, Func<string, string>? mapName = null)
    {
        var conditions = RecordFilter.Conditions(filter, mapName);
        var matches = records is RecordsById byId && IdOrder(order, mapName) is { } descending
            ? IdBounds.Of(conditions).Candidates(byId, descending).Where(RecordFilter.Build(conditions))
            : Order(records.Where(RecordFilter.Build(conditions)), order, mapName);
        var from = Json.Int(start) ?? 0;
        if (from == -1)
        {
            return new Page(matches.Take(PageSize).ToList(), null, null);
        }
        from = Math.Max(0, from);
        var rows = new List<JsonObject>(PageSize);
        var total = 0;
        foreach (var record in matches)
        {
            if (total >= from && rows.Count < PageSize)
            {
                rows.Add(record);
            }
            total++;
        }
        int? next = from + PageSize < total ? from + PageSize : null;
        return new Page(rows, total, next);
    }

    /// <summary>Descending or not when the order is by ID first (or absent: Bitrix24 then orders by ID); else null.</summary>
    private static bool? IdOrder(JsonNode? order, Func<string, string>? mapName)
    {
        if (order is not JsonObject o || o.Count == 0)
        {
            return false;
        }
        var (key, dir) = o.First();
        return (mapName?.Invoke(key) ?? key) == "ID" ? string.Equals(Json.Text(dir), "DESC", StringComparison.OrdinalIgnoreCase) : null;
    }

    private static IEnumerable<JsonObject> Order(IEnumerable<JsonObject> records, JsonNode? order, Func<string, string>? mapName)
    {
        IOrderedEnumerable<JsonObject>? ordered = null;
        if (order is JsonObject o)
        {
            foreach (var (key, dir) in o)
            {
                var name = mapName?.Invoke(key) ?? key;
                var descending = string.Equals(Json.Text(dir), "DESC", StringComparison.OrdinalIgnoreCase);
                var comparer = Comparer<string?>.Create(RecordFilter.Compare);
                Func<JsonObject, string?> selector = r => Json.Text(Json.Get(r, name));
                ordered = ordered is null
                    ? descending ? records.OrderByDescending(selector, comparer) : records.OrderBy(selector, comparer)
                    : descending ? ordered.ThenByDescending(selector, comparer) : ordered.ThenBy(selector, comparer);
            }
        }
        var byId = Comparer<string?>.Create(RecordFilter.Compare);
        return ordered?.ThenBy(r => Json.Text(Json.Get(r, "ID")), byId) ?? records.OrderBy(r => Json.Text(Json.Get(r, "ID")), byId);
    }

    public static MethodResult ToResult(Page page, Func<JsonObject, JsonNode> project)
    {
        var arr = new JsonArray();
        foreach (var r in page.Rows)
        {
            arr.Add(project(r));
        }
        return new MethodResult(arr, page.Total, page.Next);
    }
}
