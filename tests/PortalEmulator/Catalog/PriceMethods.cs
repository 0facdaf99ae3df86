using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// catalog.priceType.list and catalog.price.add/update/get/list/delete/modify. One price per product and price type
/// (no quantity ranges); <c>modify</c> replaces a product's prices: listed ones with an id are updated, without an id
/// added, and the product's other prices deleted.
/// </summary>
internal static class PriceMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.priceType.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.PriceTypes.Values, "priceTypes"));
        registry.Add("catalog.price.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.price.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.price.get", "catalog", Get);
        registry.Add("catalog.price.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.Prices.Candidates(c.Param("filter")), "prices"));
        registry.Add("catalog.price.delete", "catalog", Delete, adminOnly: true);
        registry.Add("catalog.price.modify", "catalog", Modify, adminOnly: true);
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var store = call.Portal.Catalog;
        var price = Validate(store, fields, null);
        store.Prices[(int)price["id"]!] = price;
        store.NextPriceId++;
        price["timestampX"] = CatalogFields.Now(call);
        return new JsonObject { ["price"] = price.DeepClone() };
    }

    /// <summary>Checks required fields, the product, the price type, the currency and uniqueness; returns the new row.</summary>
    private static JsonObject Validate(CatalogStore store, JsonObject fields, JsonObject? existing)
    {
        var productId = CatalogFields.Int(fields, "productId") ?? (int?)existing?["productId"];
        var groupId = CatalogFields.Int(fields, "catalogGroupId") ?? (int?)existing?["catalogGroupId"];
        var value = CatalogFields.Number(fields, "price") ?? (double?)existing?["price"];
        var currency = CatalogFields.Text(fields, "currency") ?? (string?)existing?["currency"];
        var missing = new List<string>();
        if (productId is null) missing.Add("productId");
        if (groupId is null) missing.Add("catalogGroupId");
        if (value is null) missing.Add("price");
        if (string.IsNullOrEmpty(currency)) missing.Add("currency");
        if (missing.Count > 0)
        {
            throw CatalogErrors.Required([.. missing]);
        }
        if (!store.Products.ContainsKey(productId!.Value))
        {
            throw CatalogErrors.NotFound("Product");
        }
        if (!store.PriceTypes.ContainsKey(groupId!.Value))
        {
            throw CatalogErrors.NotFound("Price type");
        }
        if (!CatalogStore.Currencies.Contains(currency))
        {
            throw CatalogErrors.Invalid($"Currency {currency} is not exists");
        }
        if (value < 0)
        {
            throw CatalogErrors.Invalid("Price must not be negative");
        }
        var id = (int?)existing?["id"] ?? store.NextPriceId;
        if (store.Prices.WithValues([productId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Any(p => (int)p["productId"]! == productId && (int)p["catalogGroupId"]! == groupId && (int)p["id"]! != id))
        {
            throw CatalogErrors.Invalid("Price for this product and price type already exists");
        }
        return new JsonObject
        {
            ["id"] = id, ["productId"] = productId, ["catalogGroupId"] = groupId, ["price"] = value, ["currency"] = currency,
            ["quantityFrom"] = null, ["quantityTo"] = null, ["extraId"] = null, ["timestampX"] = existing?["timestampX"]?.DeepClone(),
        };
    }

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        var store = call.Portal.Catalog;
        var existing = store.Prices.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Price");
        var price = Validate(store, fields, existing);
        price["timestampX"] = CatalogFields.Now(call);
        store.Prices[id] = price;
        return new JsonObject { ["price"] = price.DeepClone() };
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var price = call.Portal.Catalog.Prices.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Price");
        return new JsonObject { ["price"] = price.DeepClone() };
    }

    private static MethodResult Delete(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        return call.Portal.Catalog.Prices.Remove(id) ? MethodResult.True : throw CatalogErrors.NotFound("Price");
    }

    private static MethodResult Modify(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var product = Json.Get(fields, "product") as JsonObject ?? throw CatalogErrors.Required("product");
        var productId = Json.Int(Json.Get(product, "id")) ?? throw CatalogErrors.Required("product[id]");
        var store = call.Portal.Catalog;
        if (!store.Products.ContainsKey(productId))
        {
            throw CatalogErrors.NotFound("Product");
        }
        // Validate against a scratch copy first so one bad row changes nothing.
        var kept = new Dictionary<int, JsonObject>();
        var next = store.NextPriceId;
        var scratch = new CatalogStore();
        foreach (var (k, v) in store.Products) scratch.Products[k] = v;
        foreach (var (k, v) in store.PriceTypes) scratch.PriceTypes[k] = v;
        foreach (var input in Json.Items(Json.Get(product, "prices")).OfType<JsonObject>())
        {
            var row = input.DeepClone().AsObject();
            row["productId"] = productId;
            var id = Json.Int(Json.Get(row, "id"));
            JsonObject? existing = null;
            if (id is not null && (!store.Prices.TryGetValue(id.Value, out existing) || (int)existing["productId"]! != productId))
            {
                throw CatalogErrors.NotFound("Price");
            }
            scratch.NextPriceId = id ?? next;
            var price = Validate(scratch, row, existing);
            price["timestampX"] = CatalogFields.Now(call);
            scratch.Prices[(int)price["id"]!] = price;
            kept[(int)price["id"]!] = price;
            if (id is null) next++;
        }
        foreach (var stale in store.Prices.Where(p => (int)p.Value["productId"]! == productId && !kept.ContainsKey(p.Key)).Select(p => p.Key).ToList())
        {
            store.Prices.Remove(stale);
        }
        foreach (var (id, price) in kept)
        {
            store.Prices[id] = price;
        }
        store.NextPriceId = next;
        return new JsonObject { ["prices"] = new JsonArray([.. kept.Values.Select(p => (JsonNode)p.DeepClone())]) };
    }
}
