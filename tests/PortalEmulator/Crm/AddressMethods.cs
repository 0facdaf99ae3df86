using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// crm.address.{add,update,list,delete,fields} as b24restdocs describe them: an address has no id of its own — it is
/// keyed by (TYPE_ID, ENTITY_TYPE_ID, ENTITY_ID), all three required on every write; it hangs on a requisite (8) or a
/// lead (1) (company/contact owners exist only on old portals with the legacy mode, so they are refused here); add of
/// an existing key and update/delete of a missing one fail; errors carry an empty error code and HTTP 400.
/// </summary>
public static class AddressMethods
{
    /// <summary>crm.enum.addresstype: 1 physical, 4 registered, 6 legal, 8 mailing, 9 beneficiary, 11 shipping.</summary>
    private static readonly int[] Types = [1, 4, 6, 8, 9, 11];

    private static readonly string[] KeyFields = ["TYPE_ID", "ENTITY_TYPE_ID", "ENTITY_ID"];

    internal static readonly string[] Fields =
        ["TYPE_ID", "ENTITY_TYPE_ID", "ENTITY_ID", "ANCHOR_TYPE_ID", "ANCHOR_ID", "ADDRESS_1", "ADDRESS_2", "CITY", "POSTAL_CODE", "REGION", "PROVINCE", "COUNTRY", "COUNTRY_CODE", "LOC_ADDR_ID"];

    private static readonly string[] Writable = ["ADDRESS_1", "ADDRESS_2", "CITY", "POSTAL_CODE", "REGION", "PROVINCE", "COUNTRY", "COUNTRY_CODE", "LOC_ADDR_ID"];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.address.add", "crm", Add);
        registry.Add("crm.address.update", "crm", Update);
        registry.Add("crm.address.delete", "crm", Delete);
        registry.Add("crm.address.list", "crm", List);
    }

    private static RestError Refused(string message) => new(400, "", message);

    private static (JsonObject Fields, int Type, int EntityType, int EntityId) Key(MethodCall call)
    {
        var fields = call.Param("fields") as JsonObject ?? throw RestError.Core("The parameter 'fields' must be array.");
        var typeId = Json.Int(Json.Get(fields, "TYPE_ID"));
        if (typeId is null || !Types.Contains(typeId.Value))
        {
            throw Refused("TYPE_ID is not defined or invalid.");
        }
        var entityType = Json.Int(Json.Get(fields, "ENTITY_TYPE_ID"));
        if (entityType is not (8 or 1))
        {
            throw Refused("ENTITY_TYPE_ID is not defined or invalid.");
        }
        var entityId = Json.Int(Json.Get(fields, "ENTITY_ID"));
        var crm = call.Portal.Crm;
        var owner = entityId is { } id && (entityType == 8 ? crm.Requisites.ContainsKey(id) : crm.Find(CrmEntityType.ById(1)!, id) is not null);
        if (!owner)
        {
            throw Refused("ENTITY_ID is not defined or invalid.");
        }
        return (fields, typeId.Value, entityType.Value, entityId!.Value);
    }

    private static JsonObject? Find(CrmStore crm, int type, int entityType, int entityId) => crm.Addresses.FirstOrDefault(a =>
        Json.Int(a["TYPE_ID"]) == type && Json.Int(a["ENTITY_TYPE_ID"]) == entityType && Json.Int(a["ENTITY_ID"]) == entityId);

    private static void Copy(JsonObject from, JsonObject to)
    {
        foreach (var (k, v) in from)
        {
            var key = k.ToUpperInvariant();
            if (Writable.Contains(key))
            {
                to[key] = Json.Text(v) ?? "";
            }
        }
    }

    private static MethodResult Add(MethodCall call)
    {
        var (fields, type, entityType, entityId) = Key(call);
        var crm = call.Portal.Crm;
        if (Find(crm, type, entityType, entityId) is not null)
        {
            throw Refused("TypeAddress exists.");
        }
        var record = new JsonObject();
        foreach (var f in Fields)
        {
            record[f] = "";
        }
        record["TYPE_ID"] = CrmStore.Str(type);
        record["ENTITY_TYPE_ID"] = CrmStore.Str(entityType);
        record["ENTITY_ID"] = CrmStore.Str(entityId);
        Copy(fields, record);
        // The anchor is the requisite's owner (company or contact): how the address shows up on the company card.
        if (entityType == 8 && crm.Requisites.TryGetValue(entityId, out var requisite))
        {
            record["ANCHOR_TYPE_ID"] = Json.Text(requisite["ENTITY_TYPE_ID"]);
            record["ANCHOR_ID"] = Json.Text(requisite["ENTITY_ID"]);
        }
        else
        {
            record["ANCHOR_TYPE_ID"] = CrmStore.Str(entityType);
            record["ANCHOR_ID"] = CrmStore.Str(entityId);
        }
        crm.Addresses.Add(record);
        call.Portal.Events.Raise("ONCRMADDRESSREGISTER", Event(record), call.Caller.UserId);
        return MethodResult.True;
    }

    /// <summary>Only the fields sent change; the three key fields identify the address and cannot move it.</summary>
    private static MethodResult Update(MethodCall call)
    {
        var (fields, type, entityType, entityId) = Key(call);
        var record = Find(call.Portal.Crm, type, entityType, entityId) ?? throw Refused("TypeAddress not found.");
        Copy(fields, record);
        call.Portal.Events.Raise("ONCRMADDRESSREGISTER", Event(record), call.Caller.UserId);
        return MethodResult.True;
    }

    private static MethodResult Delete(MethodCall call)
    {
        var (_, type, entityType, entityId) = Key(call);
        var crm = call.Portal.Crm;
        var record = Find(crm, type, entityType, entityId) ?? throw Refused("TypeAddress not found.");
        crm.Addresses.Remove(record);
        call.Portal.Events.Raise("ONCRMADDRESSUNREGISTER", Event(record), call.Caller.UserId);
        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call)
    {
        var page = RecordList.Run(call.Portal.Crm.Addresses, call.Param("filter"), call.Param("order"), call.Param("start"), n => n.ToUpperInvariant());
        var select = Json.Items(call.Param("select")).Select(Json.Text).OfType<string>().Select(s => s.ToUpperInvariant()).ToList();
        return RecordList.ToResult(page, r =>
        {
            if (select.Count == 0 || select.Contains("*"))
            {
                return r.DeepClone();
            }
            var row = new JsonObject();
            foreach (var name in select.Where(Fields.Contains))
            {
                row[name] = r[name]?.DeepClone();
            }
            return row;
        });
    }

    private static JsonObject Event(JsonObject record)
    {
        var fields = new JsonObject();
        foreach (var k in KeyFields.Concat(["ANCHOR_ID", "ANCHOR_TYPE_ID"]))
        {
            fields[k] = record[k]?.DeepClone();
        }
        return new JsonObject { ["FIELDS"] = fields };
    }
}
