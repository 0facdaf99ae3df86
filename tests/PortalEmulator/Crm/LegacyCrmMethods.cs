using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>crm.{lead,deal,contact,company}.{add,update,get,list,delete,fields} — UPPER_CASE, values as strings.</summary>
public static class LegacyCrmMethods
{
    public static void Register(MethodRegistry registry)
    {
        foreach (var type in CrmEntityType.All)
        {
            var prefix = "crm." + type.Lower + ".";
            registry.Add(prefix + "add", "crm", call => Add(call, type));
            registry.Add(prefix + "update", "crm", call => Update(call, type));
            registry.Add(prefix + "get", "crm", call => Get(call, type));
            registry.Add(prefix + "list", "crm", call => List(call, type));
            registry.Add(prefix + "delete", "crm", call => Delete(call, type));
            registry.Add(prefix + "fields", "crm", call => Fields(call, type));
        }
    }

    private static int LegacyId(MethodCall call)
    {
        var id = call.Int("id");
        if (id is null or <= 0)
        {
            throw RestError.Core("ID is not defined or invalid.");
        }
        return id.Value;
    }

    private static JsonObject Existing(MethodCall call, CrmEntityType type, int id)
        => call.Portal.Crm.Find(type, id) ?? throw RestError.NotFound("Not found");

    private static MethodResult Add(MethodCall call, CrmEntityType type)
    {
        var fields = call.Param("fields") as JsonObject ?? throw RestError.Core("The parameter 'fields' must be array.");
        var record = call.Portal.Crm.Add(type, fields, call.Caller.UserId, call.Now);
        var id = Json.Int(record["ID"])!.Value;
        call.Portal.Events.Raise($"ONCRM{type.Name}ADD", Data(id), call.Caller.UserId, AuthConnector(call));
        return JsonValue.Create(id);
    }

    private static MethodResult Update(MethodCall call, CrmEntityType type)
    {
        var id = LegacyId(call);
        var record = Existing(call, type, id);
        var fields = call.Param("fields") as JsonObject ?? throw RestError.Core("The parameter 'fields' must be array.");
        call.Portal.Crm.Update(type, record, fields, call.Caller.UserId, call.Now);
        call.Portal.Events.Raise($"ONCRM{type.Name}UPDATE", Data(id), call.Caller.UserId, AuthConnector(call));
        return MethodResult.True;
    }

    private static MethodResult Get(MethodCall call, CrmEntityType type)
    {
        var record = Existing(call, type, LegacyId(call));
        return record.DeepClone();
    }

    private static MethodResult Delete(MethodCall call, CrmEntityType type)
    {
        var id = LegacyId(call);
        Existing(call, type, id);
        call.Portal.Crm.Delete(type, id);
        call.Portal.Events.Raise($"ONCRM{type.Name}DELETE", Data(id), call.Caller.UserId, AuthConnector(call));
        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call, CrmEntityType type)
    {
        var page = RecordList.Run(call.Portal.Crm.All(type), call.Param("filter"), call.Param("order"), call.Param("start"), n => n.ToUpperInvariant());
        var select = Select(call, type, Json.Items(call.Param("select")).Select(Json.Text).OfType<string>().ToList());
        return RecordList.ToResult(page, r => Project(r, select));
    }

    /// <summary>Empty or <c>*</c> = standard non-multiple fields; <c>UF_*</c> = user fields; multi-fields only by name.</summary>
    internal static HashSet<string> Select(MethodCall call, CrmEntityType type, List<string> requested)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "ID" };
        if (requested.Count == 0 || requested.Contains("*"))
        {
            names.UnionWith(type.Fields.Where(f => !f.IsMultiField).Select(f => f.Name));
        }
        if (requested.Contains("UF_*"))
        {
            names.UnionWith(call.Portal.Crm.UserFields.Of(type).Select(f => Json.Text(f["FIELD_NAME"])!));
        }
        names.UnionWith(requested.Where(r => r != "*" && r != "UF_*").Select(r => r.ToUpperInvariant()));
        return names;
    }

    private static JsonObject Project(JsonObject record, HashSet<string> select)
    {
        var row = new JsonObject();
        foreach (var name in select)
        {
            if (record.TryGetPropertyValue(name, out var v))
            {
                row[name] = v?.DeepClone();
            }
            else if (!MultiFields.Types.Contains(name))
            {
                row[name] = null;
            }
        }
        return row;
    }

    private static MethodResult Fields(MethodCall call, CrmEntityType type)
    {
        var result = new JsonObject();
        foreach (var f in type.Fields)
        {
            result[f.Name] = new JsonObject
            {
                ["type"] = f.Type,
                ["isRequired"] = f.Required,
                ["isReadOnly"] = f.ReadOnly,
                ["isImmutable"] = false,
                ["isMultiple"] = f.Multiple,
                ["isDynamic"] = false,
                ["title"] = f.Title,
            };
        }
        foreach (var uf in call.Portal.Crm.UserFields.Of(type))
        {
            var name = Json.Text(uf["FIELD_NAME"])!;
            result[name] = new JsonObject
            {
                ["type"] = Json.Text(uf["USER_TYPE_ID"]),
                ["isRequired"] = Json.Flag(uf["MANDATORY"]),
                ["isReadOnly"] = false,
                ["isImmutable"] = false,
                ["isMultiple"] = Json.Flag(uf["MULTIPLE"]),
                ["isDynamic"] = true,
                ["title"] = name,
                ["listLabel"] = Json.Text(uf["LIST_COLUMN_LABEL"]) ?? name,
                ["formLabel"] = Json.Text(uf["EDIT_FORM_LABEL"]) ?? name,
            };
        }
        return result;
    }

    internal static JsonObject Data(int id) => new() { ["FIELDS"] = new JsonObject { ["ID"] = CrmStore.Str(id) } };

    /// <summary>Writes tagged with <c>params[auth_connector]</c> (or top-level) stay out of that connector's offline queue.</summary>
    internal static string? AuthConnector(MethodCall call)
        => Json.Text(Json.Get(call.Param("params") as JsonObject, "auth_connector")) ?? call.Text("auth_connector");
}
