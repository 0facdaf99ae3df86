using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// catalog.store.add/update/get/list and the read-only catalog.storeproduct.list. Balances change only through
/// inventory documents (not emulated: tests set them with <see cref="CatalogStore.SetStoreAmount"/>).
/// </summary>
internal static class StoreMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.store.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.store.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.store.get", "catalog", Get);
        registry.Add("catalog.store.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.Stores.Values, "stores"));
        registry.Add("catalog.storeproduct.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.StoreProducts.Values, "storeProducts"));
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var address = CatalogFields.Text(fields, "address");
        if (string.IsNullOrWhiteSpace(address))
        {
            throw CatalogErrors.Required("address");
        }
        var store = call.Portal.Catalog;
        var id = store.NextStoreId++;
        var row = new JsonObject
        {
            ["id"] = id, ["title"] = CatalogFields.Text(fields, "title"), ["address"] = address, ["active"] = CatalogFields.YesNo(fields, "active", "Y"),
            ["code"] = CatalogFields.Text(fields, "code"), ["xmlId"] = CatalogFields.Text(fields, "xmlId"), ["sort"] = CatalogFields.Int(fields, "sort") ?? 100,
            ["isDefault"] = store.Stores.Count == 0 ? "Y" : "N", ["dateCreate"] = CatalogFields.Now(call), ["dateModify"] = CatalogFields.Now(call),
        };
        store.Stores[id] = row;
        return new JsonObject { ["store"] = row.DeepClone() };
    }

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        var store = call.Portal.Catalog;
        var row = (store.Stores.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Store")).DeepClone().AsObject();
        if (fields.ContainsKey("address"))
        {
            row["address"] = CatalogFields.Text(fields, "address") is { Length: > 0 } a ? a : throw CatalogErrors.Required("address");
        }
        if (fields.ContainsKey("title")) row["title"] = CatalogFields.Text(fields, "title");
        if (fields.ContainsKey("active")) row["active"] = CatalogFields.YesNo(fields, "active", "Y");
        if (fields.ContainsKey("xmlId")) row["xmlId"] = CatalogFields.Text(fields, "xmlId");
        if (fields.ContainsKey("code")) row["code"] = CatalogFields.Text(fields, "code");
        row["dateModify"] = CatalogFields.Now(call);
        store.Stores[id] = row;
        return new JsonObject { ["store"] = row.DeepClone() };
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var row = call.Portal.Catalog.Stores.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Store");
        return new JsonObject { ["store"] = row.DeepClone() };
    }
}
