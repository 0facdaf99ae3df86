using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>crm.requisite.*, crm.requisite.preset.list, crm.requisite.bankdetail.*; crm.address.* in <see cref="AddressMethods"/>.</summary>
public static class RequisiteMethods
{
    private static readonly (int Id, string Name)[] Presets = [(1, "Организация"), (2, "ИП"), (3, "Физ. лицо")];

    private static readonly string[] RequisiteFields =
        ["ID", "ENTITY_TYPE_ID", "ENTITY_ID", "PRESET_ID", "DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID", "MODIFY_BY_ID", "NAME", "CODE", "XML_ID", "ORIGINATOR_ID", "ACTIVE", "ADDRESS_ONLY", "SORT",
         "RQ_NAME", "RQ_FIRST_NAME", "RQ_LAST_NAME", "RQ_SECOND_NAME", "RQ_COMPANY_NAME", "RQ_COMPANY_FULL_NAME", "RQ_COMPANY_REG_DATE", "RQ_DIRECTOR", "RQ_ACCOUNTANT", "RQ_INN", "RQ_KPP", "RQ_OGRN", "RQ_OGRNIP", "RQ_OKPO", "RQ_OKTMO", "RQ_OKVED", "RQ_VAT_ID", "RQ_PHONE", "RQ_EMAIL"];

    private static readonly string[] BankFields =
        ["ID", "ENTITY_ID", "COUNTRY_ID", "DATE_CREATE", "DATE_MODIFY", "CREATED_BY_ID", "MODIFY_BY_ID", "NAME", "CODE", "XML_ID", "ACTIVE", "SORT",
         "RQ_BANK_NAME", "RQ_BANK_ADDR", "RQ_BANK_ROUTE_NUM", "RQ_BIK", "RQ_MFO", "RQ_ACC_NAME", "RQ_ACC_NUM", "RQ_IIK", "RQ_ACC_CURRENCY", "RQ_COR_ACC_NUM", "RQ_IBAN", "RQ_SWIFT", "RQ_BIC", "COMMENTS", "ORIGINATOR_ID"];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.requisite.add", "crm", AddRequisite);
        registry.Add("crm.requisite.update", "crm", c => UpdateIn(c, c.Portal.Crm.Requisites, RequisiteFields, "ONCRMREQUISITEUPDATE"));
        registry.Add("crm.requisite.get", "crm", c => Existing(c, c.Portal.Crm.Requisites).DeepClone());
        registry.Add("crm.requisite.list", "crm", c => ListOf(c, c.Portal.Crm.Requisites.Values));
        registry.Add("crm.requisite.delete", "crm", DeleteRequisite);
        registry.Add("crm.requisite.fields", "crm", _ => Describe(RequisiteFields));
        registry.Add("crm.requisite.preset.list", "crm", PresetList);
        registry.Add("crm.requisite.bankdetail.add", "crm", AddBankDetail);
        registry.Add("crm.requisite.bankdetail.update", "crm", c => UpdateIn(c, c.Portal.Crm.BankDetails, BankFields, "ONCRMBANKDETAILUPDATE"));
        registry.Add("crm.requisite.bankdetail.get", "crm", c => Existing(c, c.Portal.Crm.BankDetails).DeepClone());
        registry.Add("crm.requisite.bankdetail.list", "crm", c => ListOf(c, c.Portal.Crm.BankDetails.Values));
        registry.Add("crm.requisite.bankdetail.delete", "crm", DeleteBankDetail);
        registry.Add("crm.requisite.bankdetail.fields", "crm", _ => Describe(BankFields));
        AddressMethods.Register(registry);
        registry.Add("crm.address.fields", "crm", _ => Describe(AddressMethods.Fields));
    }

    private static JsonObject Fields(MethodCall call) => call.Param("fields") as JsonObject ?? throw RestError.Core("The parameter 'fields' must be array.");

    private static void Copy(JsonObject from, JsonObject to, string[] allowed)
    {
        foreach (var (k, v) in from)
        {
            var key = k.ToUpperInvariant();
            if (key != "ID" && allowed.Contains(key))
            {
                to[key] = Json.Text(v) ?? "";
            }
        }
    }

    private static MethodResult AddRequisite(MethodCall call)
    {
        var fields = Fields(call);
        var entityType = Json.Int(Json.Get(fields, "ENTITY_TYPE_ID"));
        var entityId = Json.Int(Json.Get(fields, "ENTITY_ID"));
        var presetId = Json.Int(Json.Get(fields, "PRESET_ID"));
        if (entityType is not (3 or 4))
        {
            throw RestError.Core("Parameter 'ENTITY_TYPE_ID' is not defined or invalid.");
        }
        if (entityId is null || call.Portal.Crm.Find(CrmEntityType.ById(entityType.Value)!, entityId.Value) is null)
        {
            throw RestError.Core("Parameter 'ENTITY_ID' is not defined or invalid.");
        }
        if (presetId is null || Presets.All(p => p.Id != presetId))
        {
            throw RestError.Core("Preset not found");
        }
        if (string.IsNullOrWhiteSpace(Json.Text(Json.Get(fields, "NAME"))))
        {
            throw RestError.Core("Не заполнено обязательное поле \"Название\".");
        }
        var crm = call.Portal.Crm;
        var id = crm.NextRequisiteId++;
        var record = new JsonObject { ["ID"] = CrmStore.Str(id), ["ACTIVE"] = "Y", ["SORT"] = "500", ["ADDRESS_ONLY"] = "N" };
        Copy(fields, record, RequisiteFields);
        Stamp(call, record, created: true);
        crm.Requisites[id] = record;
        call.Portal.Events.Raise("ONCRMREQUISITEADD", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return JsonValue.Create(id);
    }

    private static void Stamp(MethodCall call, JsonObject record, bool created)
    {
        var now = call.Portal.Crm.Now(call.Now);
        if (created)
        {
            record["DATE_CREATE"] = now;
            record["CREATED_BY_ID"] = CrmStore.Str(call.Caller.UserId);
        }
        record["DATE_MODIFY"] = now;
        record["MODIFY_BY_ID"] = CrmStore.Str(call.Caller.UserId);
    }

    private static JsonObject Existing(MethodCall call, SortedDictionary<int, JsonObject> store)
    {
        var id = call.Int("id");
        if (id is null or <= 0)
        {
            throw RestError.Core("ID is not defined or invalid.");
        }
        return store.TryGetValue(id.Value, out var r) ? r : throw RestError.NotFound("Not found");
    }

    private static MethodResult UpdateIn(MethodCall call, SortedDictionary<int, JsonObject> store, string[] allowed, string eventName)
    {
        var record = Existing(call, store);
        Copy(Fields(call), record, allowed.Where(f => f is not ("ENTITY_TYPE_ID" or "ENTITY_ID")).ToArray());
        Stamp(call, record, created: false);
        call.Portal.Events.Raise(eventName, LegacyCrmMethods.Data(Json.Int(record["ID"])!.Value), call.Caller.UserId);
        return MethodResult.True;
    }

    private static MethodResult DeleteRequisite(MethodCall call)
    {
        var record = Existing(call, call.Portal.Crm.Requisites);
        var id = Json.Int(record["ID"])!.Value;
        var crm = call.Portal.Crm;
        crm.Requisites.Remove(id);
        foreach (var bank in crm.BankDetails.Where(b => Json.Int(b.Value["ENTITY_ID"]) == id).Select(b => b.Key).ToList())
        {
            crm.BankDetails.Remove(bank);
        }
        crm.Addresses.RemoveAll(a => Json.Int(a["ENTITY_TYPE_ID"]) == 8 && Json.Int(a["ENTITY_ID"]) == id);
        call.Portal.Events.Raise("ONCRMREQUISITEDELETE", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return MethodResult.True;
    }

    private static MethodResult AddBankDetail(MethodCall call)
    {
        var fields = Fields(call);
        var requisite = Json.Int(Json.Get(fields, "ENTITY_ID"));
        if (requisite is null || !call.Portal.Crm.Requisites.ContainsKey(requisite.Value))
        {
            throw RestError.Core("Parameter 'ENTITY_ID' is not defined or invalid.");
        }
        if (string.IsNullOrWhiteSpace(Json.Text(Json.Get(fields, "NAME"))))
        {
            throw RestError.Core("Не заполнено обязательное поле \"Название\".");
        }
        var crm = call.Portal.Crm;
        var id = crm.NextBankDetailId++;
        var record = new JsonObject { ["ID"] = CrmStore.Str(id), ["ACTIVE"] = "Y", ["SORT"] = "500", ["COUNTRY_ID"] = "1" };
        Copy(fields, record, BankFields);
        Stamp(call, record, created: true);
        crm.BankDetails[id] = record;
        call.Portal.Events.Raise("ONCRMBANKDETAILADD", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return JsonValue.Create(id);
    }

    private static MethodResult DeleteBankDetail(MethodCall call)
    {
        var record = Existing(call, call.Portal.Crm.BankDetails);
        var id = Json.Int(record["ID"])!.Value;
        call.Portal.Crm.BankDetails.Remove(id);
        call.Portal.Events.Raise("ONCRMBANKDETAILDELETE", LegacyCrmMethods.Data(id), call.Caller.UserId);
        return MethodResult.True;
    }

    private static MethodResult ListOf(MethodCall call, IEnumerable<JsonObject> records)
    {
        var page = RecordList.Run(records, call.Param("filter"), call.Param("order"), call.Param("start"), n => n.ToUpperInvariant());
        var select = Json.Items(call.Param("select")).Select(Json.Text).OfType<string>().Select(s => s.ToUpperInvariant()).ToList();
        return RecordList.ToResult(page, r =>
        {
            if (select.Count == 0 || select.Contains("*"))
            {
                return r.DeepClone();
            }
            var row = new JsonObject();
            foreach (var name in select)
            {
                row[name] = r[name]?.DeepClone();
            }
            return row;
        });
    }

    private static MethodResult PresetList(MethodCall call)
    {
        var rows = Presets.Select(p => new JsonObject
        {
            ["ID"] = CrmStore.Str(p.Id),
            ["ENTITY_TYPE_ID"] = "8",
            ["COUNTRY_ID"] = "1",
            ["NAME"] = p.Name,
            ["ACTIVE"] = "Y",
            ["XML_ID"] = "#CRM_REQUISITE_PRESET_DEF_RU_" + (p.Id switch { 1 => "COMPANY", 2 => "INDIVIDUAL", _ => "PERSON" }) + "#",
            ["SORT"] = CrmStore.Str(p.Id * 500),
        });
        var page = RecordList.Run(rows, call.Param("filter"), call.Param("order"), call.Param("start"), n => n.ToUpperInvariant());
        return RecordList.ToResult(page, r => r);
    }

    private static MethodResult Describe(string[] names)
    {
        var result = new JsonObject();
        foreach (var n in names)
        {
            result[n] = new JsonObject
            {
                ["type"] = n is "ID" or "ENTITY_TYPE_ID" or "ENTITY_ID" or "PRESET_ID" or "SORT" or "COUNTRY_ID" or "TYPE_ID" ? "integer" : n.StartsWith("DATE_", StringComparison.Ordinal) ? "datetime" : "string",
                ["isRequired"] = n is "ENTITY_TYPE_ID" or "ENTITY_ID" or "PRESET_ID" or "NAME" or "TYPE_ID",
                ["isReadOnly"] = n is "ID" or "DATE_CREATE" or "DATE_MODIFY" or "CREATED_BY_ID" or "MODIFY_BY_ID",
                ["isImmutable"] = false,
                ["isMultiple"] = false,
                ["isDynamic"] = false,
                ["title"] = n,
            };
        }
        return result;
    }
}
