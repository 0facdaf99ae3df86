using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// catalog.catalog.list and catalog.product.add/update/get/list/delete. Products live in iblock 23; <c>xmlId</c>
/// defaults to the id; <c>propertyN</c> values come back as <c>{value, valueId}</c> (arrays when multiple);
/// <c>quantity</c> is writable only while inventory management is off.
/// </summary>
internal static class ProductMethods
{
    private static readonly string[] InventoryFields = ["quantity", "quantityReserved", "purchasingPrice", "purchasingCurrency"];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.catalog.list", "catalog", CatalogList);
        registry.Add("catalog.product.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.product.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.product.get", "catalog", Get);
        registry.Add("catalog.product.list", "catalog", List);
        registry.Add("catalog.product.delete", "catalog", Delete, adminOnly: true);
        // "Y" while inventory management (складской учёт) is on; any user may ask.
        registry.Add("catalog.document.mode.status", "catalog", c => JsonValue.Create(c.Portal.Catalog.InventoryManagement ? "Y" : "N"));
    }

    private static MethodResult CatalogList(MethodCall call)
    {
        var rows = new[]
        {
            new JsonObject
            {
                ["id"] = CatalogStore.ProductIblockId, ["iblockId"] = CatalogStore.ProductIblockId, ["iblockTypeId"] = "CRM_PRODUCT_CATALOG",
                ["lid"] = "s1", ["name"] = "Товарный каталог CRM", ["productIblockId"] = null, ["skuPropertyId"] = null,
                ["subscription"] = "N", ["vatId"] = null, ["yandexExport"] = "N",
            },
            new JsonObject
            {
                ["id"] = CatalogStore.OffersIblockId, ["iblockId"] = CatalogStore.OffersIblockId, ["iblockTypeId"] = "CRM_PRODUCT_CATALOG",
                ["lid"] = "s1", ["name"] = "Товарный каталог CRM (предложения)", ["productIblockId"] = CatalogStore.ProductIblockId,
                ["skuPropertyId"] = 99, ["subscription"] = "N", ["vatId"] = null, ["yandexExport"] = "N",
            },
        };
        return CatalogFields.Page(call, rows, "catalogs");
    }

    private static CatalogStore Store(MethodCall call) => call.Portal.Catalog;

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var (iblockId, _) = CatalogFields.IblockAndName(fields, CatalogStore.ProductIblockId);
        return new JsonObject { ["element"] = AddRecord(call, fields, iblockId, ProductTypes.Simple, null) };
    }

    /// <summary>
    /// Creates a catalogue record of <paramref name="type"/> (simple product, parent, variation) from <paramref name="fields"/>,
    /// validated whole before it is stored; <paramref name="link"/> runs once it is stored (a variation joins its parent).
    /// </summary>
    internal static JsonObject AddRecord(MethodCall call, JsonObject fields, int iblockId, int type, Action<CatalogStore, JsonObject>? link)
    {
        var store = Store(call);
        var id = store.NextProductId;
        var now = CatalogFields.Now(call);
        var product = new JsonObject
        {
            ["id"] = id, ["iblockId"] = iblockId, ["name"] = null, ["active"] = "Y", ["available"] = "Y", ["bundle"] = "N",
            ["canBuyZero"] = "N", ["code"] = null, ["createdBy"] = call.Caller.UserId, ["modifiedBy"] = call.Caller.UserId,
            ["dateCreate"] = now, ["timestampX"] = now, ["iblockSectionId"] = null, ["measure"] = 5, ["previewText"] = null,
            ["detailText"] = null, ["quantity"] = ProductTypes.IsParentType(type) ? null : 0d, ["quantityReserved"] = 0d, ["quantityTrace"] = "D", ["purchasingPrice"] = null,
            ["purchasingCurrency"] = null, ["sort"] = 500, ["type"] = type, ["vatId"] = null, ["vatIncluded"] = "N", ["xmlId"] = null,
        };
        Apply(call, store, product, fields, creating: true);
        if (string.IsNullOrEmpty(Json.Text(product["xmlId"])))
        {
            product["xmlId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        store.NextProductId++;
        store.Products[id] = product;
        link?.Invoke(store, product);
        return store.Products[id].DeepClone().AsObject();
    }

    /// <summary>Updates a stored record of an allowed type; validates whole first, so a failed update changes nothing.</summary>
    internal static JsonObject UpdateRecord(MethodCall call, int id, JsonObject fields, Func<JsonObject, bool> allowed, string notFound)
    {
        var store = Store(call);
        var product = store.Products.GetValueOrDefault(id) is { } found && allowed(found) ? found : throw CatalogErrors.NotFound(notFound);
        var copy = product.DeepClone().AsObject();
        Apply(call, store, copy, fields, creating: false);
        copy["timestampX"] = CatalogFields.Now(call);
        copy["modifiedBy"] = call.Caller.UserId;
        store.Products[id] = copy;
        return copy.DeepClone().AsObject();
    }

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        return new JsonObject { ["element"] = UpdateRecord(call, id, fields, _ => true, "Product") };
    }

    /// <summary>Validates everything before changing anything: a failed update leaves the product as it was.</summary>
    internal static void Apply(MethodCall call, CatalogStore store, JsonObject product, JsonObject fields, bool creating)
    {
        foreach (var (rawKey, value) in fields)
        {
            var key = rawKey.Length > 0 ? char.ToLowerInvariant(rawKey[0]) + rawKey[1..] : rawKey;
            if (key is "id" or "iblockId" or "dateCreate" or "timestampX" or "type" or "available" or "bundle" or "parentId")
            {
                if (key == "iblockId" && !creating && Json.Int(value) != (int?)product["iblockId"])
                {
                    throw CatalogErrors.Invalid("Field iblockId cannot be changed");
                }
                continue;
            }
            if (InventoryFields.Contains(key) && store.InventoryManagement)
            {
                throw CatalogErrors.Invalid($"Field '{key}' is read-only while inventory management is enabled");
            }
            if (InventoryFields.Contains(key) && ProductTypes.IsParent(product))
            {
                // b24restdocs (catalog.product.sku.*): a parent's quantity and purchasing price are editable only on
                // premises with "Show the Trade Catalog tab for products with trade offers"; the cloud keeps them on variations.
                throw CatalogErrors.Invalid($"Field '{key}' of a product with variations cannot be changed: it is kept on its variations");
            }
            if (key.StartsWith("property", StringComparison.OrdinalIgnoreCase) && int.TryParse(key["property".Length..], out var propertyId))
            {
                product["property" + propertyId] = PropertyValue(store, propertyId, value);
                continue;
            }
            switch (key)
            {
                case "name":
                    product[key] = Json.Text(value) is { Length: > 0 } name ? name : throw CatalogErrors.Required("name");
                    break;
                case "active" or "canBuyZero" or "vatIncluded":
                    product[key] = CatalogFields.YesNo(fields, rawKey, "Y");
                    break;
                case "iblockSectionId":
                    var sectionId = Json.Int(value);
                    if (sectionId is > 0 && !store.Sections.ContainsKey(sectionId.Value))
                    {
                        throw CatalogErrors.NotFound("Section");
                    }
                    product[key] = sectionId is > 0 ? sectionId : null;
                    break;
                case "code":
                    var code = Json.Text(value);
                    if (!string.IsNullOrEmpty(code) && store.Products.Values.Any(p => (string?)p["code"] == code && (int)p["id"]! != (int)product["id"]!))
                    {
                        throw CatalogErrors.Invalid("Product with the specified symbolic code already exists");
                    }
                    product[key] = code;
                    break;
                case "quantity" or "quantityReserved" or "purchasingPrice" or "weight" or "width" or "length" or "height":
                    product[key] = Json.Double(value) ?? throw CatalogErrors.Invalid($"Field '{key}' must be a number");
                    break;
                case "purchasingCurrency":
                    var currency = Json.Text(value);
                    product[key] = currency is null || CatalogStore.Currencies.Contains(currency) ? currency : throw CatalogErrors.Invalid("Currency is not exists");
                    break;
                case "sort" or "measure" or "vatId":
                    product[key] = Json.Int(value);
                    break;
                default:
                    product[key] = value?.DeepClone();
                    break;
            }
        }
    }

    /// <summary>A property value as stored and returned: <c>{value, valueId}</c>, an array of them when multiple.</summary>
    private static JsonNode? PropertyValue(CatalogStore store, int propertyId, JsonNode? input)
    {
        var property = store.Properties.GetValueOrDefault(propertyId) ?? throw CatalogErrors.NotFound($"Property {propertyId}");
        var multiple = (string?)property["multiple"] == "Y";
        var values = input is JsonArray || (input is JsonObject o && Json.Get(o, "value") is null) ? Json.Items(input) : [input];
        var stored = new List<JsonObject>();
        foreach (var item in values)
        {
            var raw = item is JsonObject wrapped ? Json.Get(wrapped, "value") : item;
            var text = Json.Text(raw);
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            switch ((string?)property["propertyType"])
            {
                case "N" when Json.Double(raw) is null:
                    throw CatalogErrors.Invalid($"Property {propertyId} expects a number");
                case "L" when !int.TryParse(text, out var enumId) || !store.PropertyEnums.TryGetValue(enumId, out var e) || (int)e["propertyId"]! != propertyId:
                    throw CatalogErrors.Invalid($"Property {propertyId}: list value {text} is not exists");
            }
            stored.Add(new JsonObject { ["value"] = text, ["valueId"] = store.NextValueId() });
        }
        if (!multiple && stored.Count > 1)
        {
            throw CatalogErrors.Invalid($"Property {propertyId} is not multiple");
        }
        return multiple ? new JsonArray([.. stored]) : stored.FirstOrDefault();
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var product = Store(call).Products.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Product");
        return new JsonObject { ["product"] = product.DeepClone() };
    }

    private static MethodResult List(MethodCall call)
    {
        var (filter, _) = ListRules.Require(call, CatalogStore.ProductIblockId, CatalogStore.OffersIblockId);
        return CatalogFields.Page(call, Store(call).Products.Candidates(filter), "products");
    }

    private static MethodResult Delete(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var store = Store(call);
        if (!store.Products.ContainsKey(id))
        {
            throw CatalogErrors.NotFound("Product");
        }
        ProductTypes.Delete(store, id);
        return MethodResult.True;
    }
}
