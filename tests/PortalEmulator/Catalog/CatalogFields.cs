using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>Reading catalog.* parameters: <c>fields</c>, <c>select</c>/<c>filter</c> lists and list answers.</summary>
internal static class CatalogFields
{
    public static JsonObject Fields(MethodCall call)
    {
        if (call.Param("fields") is not JsonObject fields || fields.Count == 0)
        {
            throw CatalogErrors.FieldsMissing();
        }
        return fields;
    }

    /// <summary>The <c>iblockId</c> and <c>name</c> every catalogue record needs; the iblock must be one of <paramref name="iblocks"/>.</summary>
    public static (int IblockId, string Name) IblockAndName(JsonObject fields, params int[] iblocks)
    {
        var iblockId = Int(fields, "iblockId");
        var name = Text(fields, "name");
        var missing = new List<string>();
        if (iblockId is null) missing.Add("iblockId");
        if (string.IsNullOrWhiteSpace(name)) missing.Add("name");
        if (missing.Count > 0)
        {
            throw CatalogErrors.Required([.. missing]);
        }
        return iblocks.Contains(iblockId!.Value) ? (iblockId.Value, name!) : throw CatalogErrors.UnknownIblock();
    }

    public static int RequireId(MethodCall call)
    {
        var id = call.Int("id");
        return id is null or <= 0 ? throw CatalogErrors.Required("id") : id.Value;
    }

    public static string? Text(JsonObject fields, string name) => Json.Text(Json.Get(fields, name));

    public static int? Int(JsonObject fields, string name) => Json.Int(Json.Get(fields, name));

    public static double? Number(JsonObject fields, string name) => Json.Double(Json.Get(fields, name));

    public static string YesNo(JsonObject fields, string name, string fallback)
    {
        var node = Json.Get(fields, name);
        if (node is null)
        {
            return fallback;
        }
        if (node is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            return b ? "Y" : "N";
        }
        var text = Json.Text(node)?.ToUpperInvariant();
        return text is "Y" or "N" ? text : throw CatalogErrors.Invalid($"Field '{name}' must be Y or N");
    }

    public static string Now(MethodCall call) =>
        call.Now.ToOffset(call.Portal.Options.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    /// <summary>
    /// A list page over camelCase records: filter/order on record fields, 50 per page, <c>start</c>/<c>next</c>/<c>total</c>,
    /// and the records projected on <c>select</c> (all fields when absent), wrapped as <c>{wrapper: [...]}</c>.
    /// </summary>
    public static MethodResult Page(MethodCall call, IEnumerable<JsonObject> records, string wrapper, JsonNode? filter = null)
    {
        var select = Json.Items(call.Param("select")).Select(Json.Text).OfType<string>().Where(s => s.Length > 0).ToList();
        var page = Crm.RecordList.Run(records, filter ?? call.Param("filter"), call.Param("order"), call.Param("start"));
        var rows = new JsonArray();
        foreach (var r in page.Rows)
        {
            rows.Add(Project(r, select));
        }
        return new MethodResult(new JsonObject { [wrapper] = rows }, page.Total, page.Next);
    }

    public static JsonObject Project(JsonObject record, IReadOnlyCollection<string> select)
    {
        if (select.Count == 0 || select.Contains("*"))
        {
            return record.DeepClone().AsObject();
        }
        var result = new JsonObject();
        foreach (var name in select)
        {
            var key = record.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (key is not null)
            {
                result[key] = record[key]?.DeepClone();
            }
            else if (name.StartsWith("property", StringComparison.OrdinalIgnoreCase))
            {
                result[name] = null;
            }
        }
        return result;
    }
}
