using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// catalog.product.offer.add/update/get/list/delete: variations in the offers iblock 25 (the row of
/// catalog.catalog.list whose <c>productIblockId</c> is 23). <c>parentId</c> is written as an id and read back as
/// <c>{value, valueId}</c> (the SKU link property); a variation with a parent is type 4, without one type 5, and its
/// parent becomes type 3 (see <see cref="ProductTypes"/>). Prices and quantity live on the variation (catalog.price.*
/// take its id). Answers are wrapped <c>result.offer</c> / <c>result.offers</c>; other ids are "does not exist" (<c>0</c>).
/// </summary>
internal static class OfferMethods
{
    private const string NotFound = "Product variation with the specified identifier";

    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.product.offer.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.product.offer.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.product.offer.get", "catalog", Get, adminOnly: true);
        registry.Add("catalog.product.offer.list", "catalog", List, adminOnly: true);
        registry.Add("catalog.product.offer.delete", "catalog", Delete, adminOnly: true);
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var (iblockId, _) = CatalogFields.IblockAndName(fields, CatalogStore.OffersIblockId);
        var store = call.Portal.Catalog;
        var parentId = RequestedParent(store, fields);
        var offer = ProductMethods.AddRecord(call, fields, iblockId, parentId is null ? ProductTypes.FreeVariation : ProductTypes.Variation, (s, stored) =>
        {
            if (parentId is { } p)
            {
                stored["parentId"] = ParentValue(s, p);
                ProductTypes.Link(s, (int)stored["id"]!, p);
            }
        });
        return new JsonObject { ["offer"] = offer };
    }

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        var store = call.Portal.Catalog;
        var current = store.Products.GetValueOrDefault(id) is { } found && ProductTypes.IsVariation(found) ? found : throw CatalogErrors.NotFound(NotFound);
        var moves = Json.Get(fields, "parentId") is not null;
        var newParent = moves ? RequestedParent(store, fields) : null;
        var offer = ProductMethods.UpdateRecord(call, id, fields, ProductTypes.IsVariation, NotFound);
        var oldParent = ProductTypes.ParentOf(current);
        if (moves && newParent != oldParent)
        {
            var stored = store.Products[id].DeepClone().AsObject();
            stored["parentId"] = newParent is { } p ? ParentValue(store, p) : null;
            stored["type"] = newParent is null ? ProductTypes.FreeVariation : ProductTypes.Variation;
            store.Products[id] = stored;
            if (oldParent is { } old)
            {
                ProductTypes.Unlink(store, id, old);
            }
            if (newParent is { } added)
            {
                ProductTypes.Link(store, id, added);
            }
            offer = stored.DeepClone().AsObject();
        }
        return new JsonObject { ["offer"] = offer };
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        return new JsonObject { ["offer"] = Variation(call, id).DeepClone() };
    }

    /// <summary>
    /// <c>parentId</c> (plain, <c>=</c> or <c>@</c>, one id or a list) filters by the parent's id, not by the
    /// <c>{value, valueId}</c> shape the field is read back in.
    /// </summary>
    private static MethodResult List(MethodCall call)
    {
        var (filter, _) = ListRules.Require(call, CatalogStore.OffersIblockId);
        var rest = filter.DeepClone().AsObject();
        HashSet<int>? parents = null;
        foreach (var key in new[] { "parentId", "=parentId", "@parentId" })
        {
            if (Json.Get(rest, key) is { } value)
            {
                parents = Json.Items(value).Select(Json.Int).OfType<int>().ToHashSet();
                rest.Remove(rest.Select(kv => kv.Key).First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)));
            }
        }
        var records = call.Portal.Catalog.Products.Candidates(rest).Where(ProductTypes.IsVariation)
            .Where(o => parents is null || ProductTypes.ParentOf(o) is { } p && parents.Contains(p));
        return CatalogFields.Page(call, records, "offers", rest);
    }

    private static MethodResult Delete(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        Variation(call, id);
        ProductTypes.Delete(call.Portal.Catalog, id);
        return MethodResult.True;
    }

    private static JsonObject Variation(MethodCall call, int id) =>
        call.Portal.Catalog.Products.GetValueOrDefault(id) is { } o && ProductTypes.IsVariation(o) ? o : throw CatalogErrors.NotFound(NotFound);

    /// <summary>The parent a request names (null when absent or empty); it must be a product that can take variations.</summary>
    private static int? RequestedParent(CatalogStore store, JsonObject fields)
    {
        var raw = Json.Get(fields, "parentId");
        var id = raw is JsonObject o ? Json.Int(Json.Get(o, "value")) : Json.Int(raw);
        if (id is null or 0)
        {
            return null;
        }
        return store.Products.GetValueOrDefault(id.Value) is { } parent && ProductTypes.CanBeParent(parent)
            ? id : throw CatalogErrors.NotFound("Parent product with the specified identifier");
    }

    private static JsonObject ParentValue(CatalogStore store, int parentId) =>
        new() { ["value"] = parentId.ToString(CultureInfo.InvariantCulture), ["valueId"] = store.NextValueId() };
}
