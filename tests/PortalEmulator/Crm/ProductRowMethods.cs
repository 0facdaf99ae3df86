using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>crm.deal.productrows.set/get and crm.item.productrow.set/list: set replaces all rows of the owner.</summary>
public static class ProductRowMethods
{
    private static readonly (string Upper, string Camel)[] Columns =
    [
        ("PRODUCT_ID", "productId"), ("PRODUCT_NAME", "productName"), ("PRICE", "price"), ("QUANTITY", "quantity"),
        ("DISCOUNT_TYPE_ID", "discountTypeId"), ("DISCOUNT_RATE", "discountRate"), ("DISCOUNT_SUM", "discountSum"),
        ("TAX_RATE", "taxRate"), ("TAX_INCLUDED", "taxIncluded"), ("MEASURE_CODE", "measureCode"), ("MEASURE_NAME", "measureName"), ("SORT", "sort"),
    ];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.deal.productrows.set", "crm", c => LegacySet(c, CrmEntityType.Deal));
        registry.Add("crm.deal.productrows.get", "crm", c => LegacyGet(c, CrmEntityType.Deal));
        registry.Add("crm.lead.productrows.set", "crm", c => LegacySet(c, CrmEntityType.Lead));
        registry.Add("crm.lead.productrows.get", "crm", c => LegacyGet(c, CrmEntityType.Lead));
        registry.Add("crm.item.productrow.set", "crm", ItemSet);
        registry.Add("crm.item.productrow.list", "crm", ItemList);
    }

    private static CrmEntityType Owner(MethodCall call, CrmEntityType type, int id)
        => call.Portal.Crm.Find(type, id) is null ? throw RestError.NotFound("Not found") : type;

    private static List<JsonObject> Replace(MethodCall call, CrmEntityType type, int ownerId, IEnumerable<JsonObject> rows, bool camel)
    {
        var crm = call.Portal.Crm;
        var stored = new List<JsonObject>();
        var sort = 10;
        foreach (var input in rows)
        {
            var row = new JsonObject
            {
                ["ID"] = CrmStore.Str(crm.NextProductRowId++),
                ["OWNER_ID"] = CrmStore.Str(ownerId),
                ["OWNER_TYPE"] = type.ShortCode,
                ["PRODUCT_ID"] = "0",
                ["PRODUCT_NAME"] = "",
                ["PRICE"] = "0",
                ["QUANTITY"] = "1",
                ["DISCOUNT_TYPE_ID"] = "2",
                ["DISCOUNT_RATE"] = "0",
                ["DISCOUNT_SUM"] = "0",
                ["TAX_RATE"] = null,
                ["TAX_INCLUDED"] = "N",
                ["MEASURE_CODE"] = "796",
                ["MEASURE_NAME"] = "шт",
                ["SORT"] = CrmStore.Str(sort),
            };
            sort += 10;
            foreach (var (upper, camelName) in Columns)
            {
                var value = Json.Get(input, camel ? camelName : upper);
                if (value is not null)
                {
                    row[upper] = value is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "Y" : "N") : Json.Text(value);
                }
            }
            stored.Add(row);
        }
        crm.ProductRows[(type.ShortCode, ownerId)] = stored;
        crm.RecalculateOpportunity(type, ownerId);
        return stored;
    }

    private static MethodResult LegacySet(MethodCall call, CrmEntityType type)
    {
        var id = call.Int("id") ?? throw RestError.Core("ID is not defined or invalid.");
        Owner(call, type, id);
        Replace(call, type, id, Json.Items(call.Param("rows")).OfType<JsonObject>(), camel: false);
        call.Portal.Events.Raise($"ONCRM{type.Name}UPDATE", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return MethodResult.True;
    }

    private static MethodResult LegacyGet(MethodCall call, CrmEntityType type)
    {
        var id = call.Int("id") ?? throw RestError.Core("ID is not defined or invalid.");
        Owner(call, type, id);
        var rows = call.Portal.Crm.ProductRows.TryGetValue((type.ShortCode, id), out var r) ? r : [];
        return new JsonArray(rows.Select(x => (JsonNode)x.DeepClone()).ToArray());
    }

    private static CrmEntityType TypeOfShortCode(string? code)
        => CrmEntityType.All.FirstOrDefault(t => string.Equals(t.ShortCode, code, StringComparison.OrdinalIgnoreCase) && t.Id is 1 or 2)
           ?? throw new RestError(400, "OWNER_NOT_FOUND", $"Owner type {code} is not supported");

    private static JsonObject ToCamel(JsonObject row)
    {
        var item = new JsonObject
        {
            ["id"] = Json.Int(row["ID"]),
            ["ownerId"] = Json.Int(row["OWNER_ID"]),
            ["ownerType"] = Json.Text(row["OWNER_TYPE"]),
        };
        foreach (var (upper, camel) in Columns)
        {
            var text = Json.Text(row[upper]);
            item[camel] = upper switch
            {
                "PRODUCT_ID" or "DISCOUNT_TYPE_ID" or "MEASURE_CODE" or "SORT" => Json.Int(row[upper]),
                "PRICE" or "QUANTITY" or "DISCOUNT_RATE" or "DISCOUNT_SUM" or "TAX_RATE" => text is null ? null : Json.Double(row[upper]),
                _ => text,
            };
        }
        return item;
    }

    private static MethodResult ItemSet(MethodCall call)
    {
        var type = TypeOfShortCode(call.Text("ownerType"));
        var id = call.Int("ownerId") ?? throw RestError.Argument400("ownerId", "ownerId is required");
        Owner(call, type, id);
        var stored = Replace(call, type, id, Json.Items(call.Param("productRows")).OfType<JsonObject>(), camel: true);
        call.Portal.Events.Raise($"ONCRM{type.Name}UPDATE", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return new JsonObject { ["productRows"] = new JsonArray(stored.Select(r => (JsonNode)ToCamel(r)).ToArray()) };
    }

    private static MethodResult ItemList(MethodCall call)
    {
        var filter = call.Param("filter") as JsonObject ?? new JsonObject();
        var type = TypeOfShortCode(Json.Text(Json.Get(filter, "=ownerType") ?? Json.Get(filter, "ownerType")));
        var id = Json.Int(Json.Get(filter, "=ownerId") ?? Json.Get(filter, "ownerId")) ?? throw RestError.Argument400("ownerId", "filter ownerId is required");
        var rows = call.Portal.Crm.ProductRows.TryGetValue((type.ShortCode, id), out var r) ? r : [];
        var page = RecordList.Run(rows, null, null, call.Param("start"));
        return new MethodResult(new JsonObject { ["productRows"] = new JsonArray(page.Rows.Select(x => (JsonNode)ToCamel(x)).ToArray()) }, page.Total, page.Next);
    }
}
