using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// catalog.productProperty.add/update/list/get and catalog.productPropertyEnum.add/list: product properties of the
/// catalogue iblock (<c>propertyType</c> S string, N number, L list with enum values, E element link, F file). As the
/// docs say, update needs <c>fields.iblockId</c> and cannot change <c>propertyType</c>.
/// </summary>
internal static class PropertyMethods
{
    private static readonly string[] Types = ["S", "N", "L", "E", "F", "G"];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.productProperty.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.productProperty.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.productProperty.get", "catalog", Get);
        registry.Add("catalog.productProperty.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.Properties.Values, "productProperties"));
        registry.Add("catalog.productPropertyEnum.add", "catalog", AddEnum, adminOnly: true);
        registry.Add("catalog.productPropertyEnum.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.PropertyEnums.Values, "productPropertyEnums"));
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var (iblockId, name) = CatalogFields.IblockAndName(fields, CatalogStore.ProductIblockId, CatalogStore.OffersIblockId);
        var type = (CatalogFields.Text(fields, "propertyType") ?? "S").ToUpperInvariant();
        if (!Types.Contains(type))
        {
            throw CatalogErrors.Invalid($"Unknown propertyType {type}");
        }
        var store = call.Portal.Catalog;
        var code = CatalogFields.Text(fields, "code");
        if (!string.IsNullOrEmpty(code) && store.Properties.Values.Any(p => (string?)p["code"] == code && (int)p["iblockId"]! == iblockId))
        {
            throw CatalogErrors.Invalid($"Property with code {code} already exists");
        }
        var id = store.NextPropertyId++;
        var property = new JsonObject
        {
            ["id"] = id, ["iblockId"] = iblockId, ["name"] = name, ["code"] = code, ["xmlId"] = CatalogFields.Text(fields, "xmlId"),
            ["propertyType"] = type, ["multiple"] = CatalogFields.YesNo(fields, "multiple", "N"), ["active"] = CatalogFields.YesNo(fields, "active", "Y"),
            ["isRequired"] = CatalogFields.YesNo(fields, "isRequired", "N"), ["sort"] = CatalogFields.Int(fields, "sort") ?? 500,
            ["userType"] = CatalogFields.Text(fields, "userType"), ["timestampX"] = CatalogFields.Now(call),
        };
        store.Properties[id] = property;
        return new JsonObject { ["productProperty"] = property.DeepClone() };
    }

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        var store = call.Portal.Catalog;
        var property = store.Properties.GetValueOrDefault(id) ?? throw new RestError(400, "", "productProperty does not exist");
        var iblockId = CatalogFields.Int(fields, "iblockId") ?? throw CatalogErrors.Required("iblockId");
        if (iblockId != (int)property["iblockId"]!)
        {
            throw CatalogErrors.Invalid("The specified property does not belong to a product catalog");
        }
        if (CatalogFields.Text(fields, "propertyType") is { } type && !string.Equals(type, (string?)property["propertyType"], StringComparison.OrdinalIgnoreCase))
        {
            throw CatalogErrors.Invalid("Invalid property type specified");
        }
        var code = CatalogFields.Text(fields, "code");
        if (!string.IsNullOrEmpty(code) && store.Properties.Values.Any(p => (int)p["id"]! != id && (string?)p["code"] == code && (int)p["iblockId"]! == iblockId))
        {
            throw CatalogErrors.Invalid($"Property with code {code} already exists");
        }
        foreach (var name in new[] { "name", "code", "xmlId" })
        {
            if (CatalogFields.Text(fields, name) is { } value)
            {
                property[name] = value;
            }
        }
        foreach (var name in new[] { "active", "multiple", "isRequired" })
        {
            if (CatalogFields.Text(fields, name) is not null)
            {
                property[name] = CatalogFields.YesNo(fields, name, (string?)property[name] ?? "N");
            }
        }
        property["timestampX"] = CatalogFields.Now(call);
        return new JsonObject { ["productProperty"] = property.DeepClone() };
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var property = call.Portal.Catalog.Properties.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Property");
        return new JsonObject { ["productProperty"] = property.DeepClone() };
    }

    private static MethodResult AddEnum(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var propertyId = CatalogFields.Int(fields, "propertyId");
        var value = CatalogFields.Text(fields, "value");
        if (propertyId is null || string.IsNullOrWhiteSpace(value))
        {
            throw CatalogErrors.Required(propertyId is null ? "propertyId" : "value");
        }
        var store = call.Portal.Catalog;
        var property = store.Properties.GetValueOrDefault(propertyId.Value) ?? throw CatalogErrors.NotFound("Property");
        if ((string?)property["propertyType"] != "L")
        {
            throw CatalogErrors.Invalid("Only list properties have enum values");
        }
        var xmlId = CatalogFields.Text(fields, "xmlId") ?? Guid.NewGuid().ToString("N");
        if (store.PropertyEnums.Values.Any(e => (int)e["propertyId"]! == propertyId && (string?)e["xmlId"] == xmlId))
        {
            throw CatalogErrors.Invalid($"Enum value with xmlId {xmlId} already exists");
        }
        var id = store.NextEnumId++;
        var row = new JsonObject
        {
            ["id"] = id, ["propertyId"] = propertyId, ["value"] = value, ["xmlId"] = xmlId,
            ["sort"] = CatalogFields.Int(fields, "sort") ?? 500, ["def"] = CatalogFields.YesNo(fields, "def", "N"),
        };
        store.PropertyEnums[id] = row;
        return new JsonObject { ["productPropertyEnum"] = row.DeepClone() };
    }
}
