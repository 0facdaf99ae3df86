using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// crm.item.{add,update,get,list,delete,fields} for entityTypeId 1-4: camelCase over the same store as the legacy
/// methods; typed values; <c>fm</c> multi-fields (add: array of {typeId,valueType,value}; update: object keyed
/// <c>n0</c>… for new or an existing id, empty value deletes).
/// </summary>
public static class ItemMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.item.add", "crm", Add);
        registry.Add("crm.item.update", "crm", Update);
        registry.Add("crm.item.get", "crm", Get);
        registry.Add("crm.item.list", "crm", List);
        registry.Add("crm.item.delete", "crm", Delete);
        registry.Add("crm.item.fields", "crm", Fields);
    }

    internal static CrmEntityType Type(MethodCall call)
    {
        var id = call.Int("entityTypeId");
        if (id is null)
        {
            throw new RestError(400, "ENTITY_TYPE_NOT_SUPPORTED", "entityTypeId is required");
        }
        return CrmEntityType.ById(id.Value) ?? throw new RestError(400, "NOT_FOUND", $"Smart process with entityTypeId {id} not found");
    }

    private static Func<string, string> Names(MethodCall call, CrmEntityType type)
        => ItemNames.FromCamel(type, call.Portal.Crm.UserFields.Of(type).Select(f => Json.Text(f["FIELD_NAME"])!));

    private static JsonObject ToLegacy(MethodCall call, CrmEntityType type, JsonObject fields, JsonObject? existing)
    {
        var names = Names(call, type);
        var useOriginal = Json.Flag(call.Param("useOriginalUfNames"));
        var legacy = new JsonObject();
        foreach (var (key, value) in fields)
        {
            if (key == "fm")
            {
                ConvertFm(value, existing, legacy);
                continue;
            }
            var upper = useOriginal && key.StartsWith("UF_", StringComparison.OrdinalIgnoreCase) ? key.ToUpperInvariant() : names(key);
            if (key == "contactIds")
            {
                upper = "CONTACT_IDS";
            }
            legacy[upper] = value is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "Y" : "N") : value?.DeepClone();
        }
        return legacy;
    }

    private static void ConvertFm(JsonNode? fm, JsonObject? existing, JsonObject legacy)
    {
        IEnumerable<(string Key, JsonObject Item)> items = fm switch
        {
            JsonArray a => a.OfType<JsonObject>().Select((o, i) => ("n" + i, o)),
            JsonObject o => o.Where(kv => kv.Value is JsonObject).Select(kv => (kv.Key, (JsonObject)kv.Value!)),
            _ => [],
        };
        foreach (var (key, item) in items)
        {
            var isNew = key.StartsWith('n') || existing is null;
            string? typeId = Json.Text(item["typeId"]);
            if (!isNew && existing is not null)
            {
                typeId ??= MultiFields.Types.FirstOrDefault(t => (existing[t] as JsonArray)?.OfType<JsonObject>().Any(e => Json.Text(e["ID"]) == key) == true);
            }
            if (typeId is null || !MultiFields.Types.Contains(typeId))
            {
                continue;
            }
            if (legacy[typeId] is not JsonArray list)
            {
                list = new JsonArray();
                legacy[typeId] = list;
            }
            var entry = new JsonObject { ["VALUE"] = Json.Text(item["value"]) ?? "", ["VALUE_TYPE"] = Json.Text(item["valueType"]) ?? "WORK" };
            if (!isNew)
            {
                entry["ID"] = key;
            }
            list.Add(entry);
        }
    }

    /// <summary>The camelCase, typed view of a record.</summary>
    internal static JsonObject ToItem(MethodCall call, CrmEntityType type, JsonObject record, ISet<string>? select, bool withFm)
    {
        var item = new JsonObject();
        var userFields = call.Portal.Crm.UserFields.Of(type).ToDictionary(f => Json.Text(f["FIELD_NAME"])!, f => f);
        foreach (var (name, value) in record)
        {
            if (MultiFields.Types.Contains(name))
            {
                continue;
            }
            var camel = ItemNames.ToCamel(type, name);
            if (select is not null && !select.Contains(camel) && !select.Contains(name) && camel != "id")
            {
                continue;
            }
            item[camel] = Typed(type.Field(name)?.Type ?? (userFields.TryGetValue(name, out var uf) ? Json.Text(uf["USER_TYPE_ID"]) : null), value);
        }
        if (type.HasMultiFields && withFm)
        {
            var fm = new JsonArray();
            foreach (var t in MultiFields.Types)
            {
                foreach (var e in (record[t] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    fm.Add(new JsonObject
                    {
                        ["id"] = Json.Int(e["ID"]),
                        ["entityId"] = Json.Int(record["ID"]),
                        ["typeId"] = t,
                        ["valueType"] = Json.Text(e["VALUE_TYPE"]),
                        ["value"] = Json.Text(e["VALUE"]),
                    });
                }
            }
            item["fm"] = fm;
        }
        return item;
    }

    private static JsonNode? Typed(string? type, JsonNode? value)
    {
        if (value is JsonArray arr)
        {
            var list = new JsonArray();
            foreach (var v in arr)
            {
                list.Add(Typed(type, v));
            }
            return list;
        }
        var text = Json.Text(value);
        if (string.IsNullOrEmpty(text))
        {
            return type is "integer" or "double" or "user" or "crm_company" or "crm_contact" or "crm_category" ? null : value?.DeepClone();
        }
        return type switch
        {
            "integer" or "user" or "crm_company" or "crm_contact" or "crm_category" when long.TryParse(text, out var l) => l,
            "double" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            "char" or "boolean" => text == "Y" || text == "1" ? "Y" : "N",
            _ => value?.DeepClone(),
        };
    }

    private static MethodResult Add(MethodCall call)
    {
        var type = Type(call);
        var fields = call.Param("fields") as JsonObject ?? new JsonObject();
        var record = call.Portal.Crm.Add(type, ToLegacy(call, type, fields, null), call.Caller.UserId, call.Now);
        var id = Json.Int(record["ID"])!.Value;
        call.Portal.Events.Raise($"ONCRM{type.Name}ADD", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return new JsonObject { ["item"] = ToItem(call, type, record, null, withFm: true) };
    }

    private static JsonObject Existing(MethodCall call, CrmEntityType type, int id)
        => call.Portal.Crm.Find(type, id) ?? throw RestError.NotFound($"Элемент с ID {id} не найден");

    private static MethodResult Update(MethodCall call)
    {
        var type = Type(call);
        var id = call.RequireId("id");
        var record = Existing(call, type, id);
        var fields = call.Param("fields") as JsonObject ?? new JsonObject();
        call.Portal.Crm.Update(type, record, ToLegacy(call, type, fields, record), call.Caller.UserId, call.Now);
        call.Portal.Events.Raise($"ONCRM{type.Name}UPDATE", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return new JsonObject { ["item"] = ToItem(call, type, record, null, withFm: true) };
    }

    private static MethodResult Get(MethodCall call)
    {
        var type = Type(call);
        var record = Existing(call, type, call.RequireId("id"));
        return new JsonObject { ["item"] = ToItem(call, type, record, null, withFm: true) };
    }

    private static MethodResult Delete(MethodCall call)
    {
        var type = Type(call);
        var id = call.RequireId("id");
        Existing(call, type, id);
        call.Portal.Crm.Delete(type, id);
        call.Portal.Events.Raise($"ONCRM{type.Name}DELETE", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return new JsonArray();
    }

    private static MethodResult List(MethodCall call)
    {
        var type = Type(call);
        var names = Names(call, type);
        var page = RecordList.Run(call.Portal.Crm.All(type), call.Param("filter"), call.Param("order"), call.Param("start"), names);
        var requested = Json.Items(call.Param("select")).Select(Json.Text).OfType<string>().ToList();
        var all = requested.Count == 0 || requested.Contains("*");
        ISet<string>? select = all ? null : new HashSet<string>(requested, StringComparer.Ordinal);
        var withFm = requested.Contains("*") || requested.Contains("fm");
        var items = new JsonArray();
        foreach (var r in page.Rows)
        {
            items.Add(ToItem(call, type, r, select, withFm));
        }
        return new MethodResult(new JsonObject { ["items"] = items }, page.Total, page.Next);
    }

    private static MethodResult Fields(MethodCall call)
    {
        var type = Type(call);
        var fields = new JsonObject();
        foreach (var f in type.Fields.Where(f => !f.IsMultiField))
        {
            fields[ItemNames.ToCamel(type, f.Name)] = new JsonObject
            {
                ["type"] = f.Type,
                ["isRequired"] = f.Required,
                ["isReadOnly"] = f.ReadOnly,
                ["isImmutable"] = false,
                ["isMultiple"] = f.Multiple,
                ["isDynamic"] = false,
                ["title"] = f.Title,
                ["upperName"] = f.Name,
            };
        }
        foreach (var uf in call.Portal.Crm.UserFields.Of(type))
        {
            var name = Json.Text(uf["FIELD_NAME"])!;
            fields[ItemNames.ToCamel(type, name)] = new JsonObject
            {
                ["type"] = Json.Text(uf["USER_TYPE_ID"]),
                ["isRequired"] = Json.Flag(uf["MANDATORY"]),
                ["isReadOnly"] = false,
                ["isImmutable"] = false,
                ["isMultiple"] = Json.Flag(uf["MULTIPLE"]),
                ["isDynamic"] = true,
                ["title"] = name,
                ["upperName"] = name,
            };
        }
        return new JsonObject { ["fields"] = fields };
    }
}
