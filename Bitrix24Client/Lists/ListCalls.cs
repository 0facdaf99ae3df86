using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Lists;

/// <summary>List methods as async streams (sheet §4.4). Every page is one rate-limited Read call.</summary>
public static class ListCalls
{
    public const int PageSize = 50;

    /// <summary>
    /// All rows of a list method, page by page via <c>start</c> = previous <c>next</c>. Fine for small and
    /// changing-little lists; for bulk reads use <see cref="ExportAsync"/>, which cannot skip or repeat rows when
    /// records are added or deleted while reading.
    /// </summary>
    public static async IAsyncEnumerable<JObject> ListAsync(this IBitrix24Client client, string method, object? parameters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = PortalClient.ToJObject(parameters);
        var start = body["start"] is { } s && s.Type == JTokenType.Integer ? (int)s : 0;
        while (true)
        {
            body["start"] = start;
            var page = await client.CallAsync(method, body, CallKind.Read, cancellationToken).ConfigureAwait(false);
            foreach (var row in Rows(page.Result)) yield return row;
            if (page.Next is not { } next || next <= start) yield break;
            start = next;
        }
    }

    /// <summary>
    /// Keyset export: <c>order {id: ASC}</c>, <c>filter[&gt;id]</c> = last id seen, <c>start=-1</c> (no count), stop on a
    /// page shorter than 50. <paramref name="idField"/> defaults to <c>id</c> for camelCase methods (crm.item.*,
    /// catalog.*) and <c>ID</c> otherwise; it is added to <paramref name="select"/> when a select is given.
    /// <paramref name="parameters"/> carries other top-level parameters (e.g. <c>entityTypeId</c>). A
    /// <c>&gt;ID</c> already in <paramref name="filter"/> is the starting point.
    /// </summary>
    public static async IAsyncEnumerable<JObject> ExportAsync(this IBitrix24Client client, string method, object? filter = null,
        IEnumerable<string>? select = null, string? idField = null, object? parameters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        idField ??= IsCamelCase(method) ? "id" : "ID";
        var body = PortalClient.ToJObject(parameters);
        var filterObject = PortalClient.ToJObject(filter);
        var cursorKey = ">" + idField;
        long? lastId = null;
        if (filterObject.Property(cursorKey, StringComparison.OrdinalIgnoreCase) is { } given)
        {
            lastId = ParseId(given.Value);
            given.Remove();
        }
        if (select is not null)
        {
            var fields = select.ToList();
            if (!fields.Contains(idField, StringComparer.OrdinalIgnoreCase) && !fields.Contains("*")) fields.Add(idField);
            body["select"] = new JArray(fields);
        }
        body["order"] = new JObject { [idField] = "ASC" };
        body["start"] = -1;
        while (true)
        {
            var pageFilter = (JObject)filterObject.DeepClone();
            if (lastId is { } after) pageFilter[cursorKey] = after;
            body["filter"] = pageFilter;
            var page = await client.CallAsync(method, body, CallKind.Read, cancellationToken).ConfigureAwait(false);
            var rows = Rows(page.Result).ToList();
            foreach (var row in rows)
            {
                var id = ParseId(row.GetValue(idField, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"{method}: a row without '{idField}'; the export cannot continue safely");
                if (lastId is { } previous && id <= previous)
                    throw new InvalidOperationException($"{method}: ids not ascending ({id} after {previous}); is '{idField}' the right id field?");
                lastId = id;
                yield return row;
            }
            if (rows.Count < PageSize) yield break;
        }
    }

    /// <summary>The rows of a list answer: the array itself or the first array in a wrapper (items, products…).</summary>
    public static IEnumerable<JObject> Rows(JToken result) => result switch
    {
        JArray array => array.OfType<JObject>(),
        JObject wrapper => wrapper.Properties().Select(p => p.Value).OfType<JArray>().FirstOrDefault()?.OfType<JObject>() ?? [],
        _ => [],
    };

    private static bool IsCamelCase(string method) =>
        method.StartsWith("crm.item.", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("catalog.", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("crm.type.", StringComparison.OrdinalIgnoreCase);

    private static long? ParseId(JToken? token) => token?.Type switch
    {
        JTokenType.Integer => (long)token,
        JTokenType.String when long.TryParse((string?)token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) => id,
        JTokenType.Float => (long)(decimal)token,
        _ => null,
    };
}
