using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// catalog.product.sku.add/update/get/list/delete: parent products (type 6 without variations, 3 with them) in the
/// product iblock 23. Answers are wrapped <c>result.sku</c> (list: <c>result.units</c>). The methods see parents only:
/// any other id is "Main product … does not exist" (error <c>0</c>). A parent's quantity and purchasing price are not
/// editable in the cloud. Deleting a parent deletes its variations and their prices.
/// </summary>
internal static class SkuMethods
{
    private const string NotFound = "Main product with the specified identifier";

    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.product.sku.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.product.sku.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.product.sku.get", "catalog", Get, adminOnly: true);
        registry.Add("catalog.product.sku.list", "catalog", List, adminOnly: true);
        registry.Add("catalog.product.sku.delete", "catalog", Delete, adminOnly: true);
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var (iblockId, _) = CatalogFields.IblockAndName(fields, CatalogStore.ProductIblockId);
        return new JsonObject { ["sku"] = ProductMethods.AddRecord(call, fields, iblockId, ProductTypes.EmptyParent, null) };
    }

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        return new JsonObject { ["sku"] = ProductMethods.UpdateRecord(call, id, fields, ProductTypes.IsParent, NotFound) };
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        return new JsonObject { ["sku"] = Parent(call, id).DeepClone() };
    }

    private static MethodResult List(MethodCall call)
    {
        var (filter, _) = ListRules.Require(call, CatalogStore.ProductIblockId);
        return CatalogFields.Page(call, call.Portal.Catalog.Products.Candidates(filter).Where(ProductTypes.IsParent), "units");
    }

    private static MethodResult Delete(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        Parent(call, id);
        ProductTypes.Delete(call.Portal.Catalog, id);
        return MethodResult.True;
    }

    private static JsonObject Parent(MethodCall call, int id) =>
        call.Portal.Catalog.Products.GetValueOrDefault(id) is { } p && ProductTypes.IsParent(p) ? p : throw CatalogErrors.NotFound(NotFound);
}

/// <summary>
/// What catalog.product.sku.list and catalog.product.offer.list demand (b24restdocs): <c>id</c> and <c>iblockId</c> in
/// <c>select</c>, <c>iblockId</c> in <c>filter</c>, and that iblock must be one the method works on (catalog.product.list
/// takes both catalogue iblocks).
/// </summary>
internal static class ListRules
{
    public static (JsonObject Filter, int IblockId) Require(MethodCall call, params int[] iblocks)
    {
        var select = Http.Json.Items(call.Param("select")).Select(Http.Json.Text).ToList();
        if (!select.Contains("id", StringComparer.OrdinalIgnoreCase) || !select.Contains("iblockId", StringComparer.OrdinalIgnoreCase))
        {
            throw CatalogErrors.Required("select[id]", "select[iblockId]");
        }
        var filter = call.Param("filter") as JsonObject;
        var iblock = filter is null ? null : Http.Json.Int(Http.Json.Get(filter, "iblockId") ?? Http.Json.Get(filter, "=iblockId"));
        if (iblock is null)
        {
            throw CatalogErrors.Required("filter[iblockId]");
        }
        return iblocks.Contains(iblock.Value) ? (filter!, iblock.Value) : throw CatalogErrors.UnknownIblock();
    }
}
