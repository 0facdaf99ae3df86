using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>catalog.section.add/update/get/list: the catalogue's section tree (<c>iblockSectionId</c> = parent).</summary>
internal static class SectionMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("catalog.section.add", "catalog", Add, adminOnly: true);
        registry.Add("catalog.section.update", "catalog", Update, adminOnly: true);
        registry.Add("catalog.section.get", "catalog", Get);
        registry.Add("catalog.section.list", "catalog", c => CatalogFields.Page(c, c.Portal.Catalog.Sections.Values, "sections"));
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = CatalogFields.Fields(call);
        var (iblockId, name) = CatalogFields.IblockAndName(fields, CatalogStore.ProductIblockId);
        var store = call.Portal.Catalog;
        var section = new JsonObject
        {
            ["id"] = store.NextSectionId, ["iblockId"] = iblockId, ["name"] = name, ["active"] = CatalogFields.YesNo(fields, "active", "Y"),
            ["code"] = CatalogFields.Text(fields, "code"), ["xmlId"] = CatalogFields.Text(fields, "xmlId"), ["sort"] = CatalogFields.Int(fields, "sort") ?? 500,
            ["iblockSectionId"] = Parent(store, CatalogFields.Int(fields, "iblockSectionId")), ["description"] = CatalogFields.Text(fields, "description"),
        };
        store.Sections[store.NextSectionId++] = section;
        return new JsonObject { ["section"] = section.DeepClone() };
    }

    private static int? Parent(CatalogStore store, int? parent) =>
        parent is > 0 ? store.Sections.ContainsKey(parent.Value) ? parent : throw CatalogErrors.NotFound("Parent section") : null;

    private static MethodResult Update(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var fields = CatalogFields.Fields(call);
        var store = call.Portal.Catalog;
        var section = store.Sections.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Section");
        var copy = section.DeepClone().AsObject();
        if (fields.ContainsKey("name"))
        {
            copy["name"] = CatalogFields.Text(fields, "name") is { Length: > 0 } n ? n : throw CatalogErrors.Required("name");
        }
        if (fields.ContainsKey("active")) copy["active"] = CatalogFields.YesNo(fields, "active", "Y");
        if (fields.ContainsKey("xmlId")) copy["xmlId"] = CatalogFields.Text(fields, "xmlId");
        if (fields.ContainsKey("code")) copy["code"] = CatalogFields.Text(fields, "code");
        if (fields.ContainsKey("sort")) copy["sort"] = CatalogFields.Int(fields, "sort");
        if (fields.ContainsKey("iblockSectionId"))
        {
            var parent = Parent(store, CatalogFields.Int(fields, "iblockSectionId"));
            copy["iblockSectionId"] = parent == id ? throw CatalogErrors.Invalid("A section cannot be its own parent") : parent;
        }
        store.Sections[id] = copy;
        return new JsonObject { ["section"] = copy.DeepClone() };
    }

    private static MethodResult Get(MethodCall call)
    {
        var id = CatalogFields.RequireId(call);
        var section = call.Portal.Catalog.Sections.GetValueOrDefault(id) ?? throw CatalogErrors.NotFound("Section");
        return new JsonObject { ["section"] = section.DeepClone() };
    }
}
