using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>crm.{lead,deal,contact,company}.userfield.{add,list,get,update,delete}; FIELD_NAME gets the UF_CRM_ prefix.</summary>
public static partial class UserFieldMethods
{
    private static readonly HashSet<string> UserTypes =
        ["string", "integer", "double", "boolean", "date", "datetime", "money", "enumeration", "file", "employee", "crm", "crm_status", "url", "address", "resourcebooking", "iblock_section", "iblock_element"];

    public static void Register(MethodRegistry registry)
    {
        foreach (var type in CrmEntityType.All)
        {
            var prefix = $"crm.{type.Lower}.userfield.";
            registry.Add(prefix + "add", "crm", call => Add(call, type), adminOnly: true);
            registry.Add(prefix + "list", "crm", call => List(call, type));
            registry.Add(prefix + "get", "crm", call => Get(call, type));
            registry.Add(prefix + "update", "crm", call => Update(call, type), adminOnly: true);
            registry.Add(prefix + "delete", "crm", call => Delete(call, type), adminOnly: true);
        }
    }

    [GeneratedRegex("^UF_CRM_[A-Z0-9_]+$")]
    private static partial Regex FieldName();

    private static MethodResult Add(MethodCall call, CrmEntityType type)
    {
        var fields = call.Param("fields") as JsonObject ?? throw RestError.Core("The parameter 'fields' must be array.");
        var userType = Json.Text(Json.Get(fields, "USER_TYPE_ID"));
        if (string.IsNullOrEmpty(userType) || !UserTypes.Contains(userType))
        {
            throw RestError.Core("Invalid value of USER_TYPE_ID");
        }
        var name = Json.Text(Json.Get(fields, "FIELD_NAME")) ?? "";
        if (name.Length == 0)
        {
            throw RestError.Core("Field FIELD_NAME is required");
        }
        if (!name.StartsWith("UF_CRM_", StringComparison.Ordinal))
        {
            name = "UF_CRM_" + name;
        }
        if (!FieldName().IsMatch(name) || name.Length > 50)
        {
            throw RestError.Core("Неверное имя поля. Допускаются только латинские буквы в верхнем регистре, цифры и подчёркивание, не более 50 символов.");
        }
        if (call.Portal.Crm.UserFields.Find(type, name) is not null)
        {
            throw RestError.Core($"Пользовательское поле {name} уже существует.");
        }
        var field = new JsonObject { ["ENTITY_ID"] = type.UserFieldEntity };
        foreach (var (k, v) in fields)
        {
            field[k.ToUpperInvariant()] = v?.DeepClone();
        }
        field["FIELD_NAME"] = name;
        field["USER_TYPE_ID"] = userType;
        field["MULTIPLE"] = Json.Flag(Json.Get(fields, "MULTIPLE")) ? "Y" : "N";
        field["MANDATORY"] = Json.Flag(Json.Get(fields, "MANDATORY")) ? "Y" : "N";
        field["SHOW_FILTER"] = Json.Text(Json.Get(fields, "SHOW_FILTER")) ?? "N";
        field["SORT"] = Json.Text(Json.Get(fields, "SORT")) ?? "100";
        field["XML_ID"] = Json.Text(Json.Get(fields, "XML_ID")) ?? "";
        if (Json.Get(fields, "LABEL") is { } label)
        {
            foreach (var place in new[] { "EDIT_FORM_LABEL", "LIST_COLUMN_LABEL", "LIST_FILTER_LABEL" })
            {
                field[place] ??= label.DeepClone();
            }
            field.Remove("LABEL");
        }
        if (userType == "enumeration")
        {
            field["LIST"] = EnumList(call.Portal.Crm.UserFields, Json.Get(fields, "LIST"), null);
        }
        var id = call.Portal.Crm.UserFields.Add(type, field);
        call.Portal.Events.Raise($"ONCRM{type.Name}USERFIELDADD", new JsonObject { ["FIELDS"] = new JsonObject { ["ID"] = CrmStore.Str(id), ["FIELD_NAME"] = name } }, call.Caller.UserId);
        return JsonValue.Create(id);
    }

    private static JsonArray EnumList(UserFieldStore store, JsonNode? incoming, JsonArray? current)
    {
        var list = current ?? new JsonArray();
        foreach (var raw in Json.Items(incoming))
        {
            if (raw is not JsonObject item)
            {
                continue;
            }
            var id = Json.Int(Json.Get(item, "ID"));
            var existing = id is null ? null : list.OfType<JsonObject>().FirstOrDefault(e => Json.Int(e["ID"]) == id);
            if (existing is not null && Json.Flag(Json.Get(item, "DEL")))
            {
                list.Remove(existing);
                continue;
            }
            var target = existing ?? new JsonObject { ["ID"] = CrmStore.Str(store.NextEnumValueId()) };
            target["VALUE"] = Json.Text(Json.Get(item, "VALUE")) ?? Json.Text(target["VALUE"]) ?? "";
            target["DEF"] = Json.Flag(Json.Get(item, "DEF")) ? "Y" : "N";
            target["SORT"] = Json.Text(Json.Get(item, "SORT")) ?? "500";
            target["XML_ID"] = Json.Text(Json.Get(item, "XML_ID")) ?? Json.Text(target["XML_ID"]) ?? Guid.NewGuid().ToString("N");
            if (existing is null)
            {
                list.Add(target);
            }
        }
        return list;
    }

    private static JsonObject Existing(MethodCall call, CrmEntityType type)
    {
        var id = call.Int("id") ?? throw RestError.Core("ID is not defined or invalid.");
        var found = call.Portal.Crm.UserFields.Get(id);
        return found is { } f && f.Type == type ? f.Field : throw RestError.NotFound("The entity with ID '" + id + "' is not found.");
    }

    private static MethodResult List(MethodCall call, CrmEntityType type)
    {
        var page = RecordList.Run(call.Portal.Crm.UserFields.Of(type), call.Param("filter"), call.Param("order"), null, n => n.ToUpperInvariant());
        return new MethodResult(new JsonArray(page.Rows.Select(r => (JsonNode)r.DeepClone()).ToArray()), page.Total);
    }

    private static MethodResult Get(MethodCall call, CrmEntityType type) => Existing(call, type).DeepClone();

    private static MethodResult Update(MethodCall call, CrmEntityType type)
    {
        var field = Existing(call, type);
        var fields = call.Param("fields") as JsonObject ?? throw RestError.Core("The parameter 'fields' must be array.");
        foreach (var (k, v) in fields)
        {
            var key = k.ToUpperInvariant();
            if (key is "FIELD_NAME" or "USER_TYPE_ID" or "ENTITY_ID" or "MULTIPLE" or "ID")
            {
                continue;
            }
            field[key] = key == "LIST" ? EnumList(call.Portal.Crm.UserFields, v, field["LIST"] as JsonArray) : v?.DeepClone();
        }
        return MethodResult.True;
    }

    private static MethodResult Delete(MethodCall call, CrmEntityType type)
    {
        var field = Existing(call, type);
        call.Portal.Crm.UserFields.Remove(Json.Int(field["ID"])!.Value);
        var name = Json.Text(field["FIELD_NAME"])!;
        foreach (var record in call.Portal.Crm.All(type))
        {
            record.Remove(name);
        }
        return MethodResult.True;
    }
}
