using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// The portal's CRM data, one store shared by legacy (UPPER_CASE) and crm.item (camelCase) methods. Records keep
/// Bitrix24's legacy shape: UPPER_CASE keys, scalar values as strings, multi-fields as arrays of
/// <c>{ID, TYPE_ID, VALUE, VALUE_TYPE}</c>. Accessed under the portal's lock.
/// </summary>
public sealed class CrmStore(EmulatedPortal portal)
{
    private readonly Dictionary<int, RecordsById> _records = CrmEntityType.All.ToDictionary(t => t.Id, _ => new RecordsById());
    private readonly Dictionary<int, int> _nextId = CrmEntityType.All.ToDictionary(t => t.Id, _ => 1);
    private int _nextMultiFieldId = 1;

    public UserFieldStore UserFields { get; } = new();

    public Dictionary<(string OwnerType, int OwnerId), List<JsonObject>> ProductRows { get; } = [];

    public SortedDictionary<int, JsonObject> Requisites { get; } = [];

    public SortedDictionary<int, JsonObject> BankDetails { get; } = [];

    public List<JsonObject> Addresses { get; } = [];

    public SortedDictionary<int, JsonObject> TimelineComments { get; } = [];

    internal int NextRequisiteId { get; set; } = 1;

    internal int NextBankDetailId { get; set; } = 1;

    internal int NextCommentId { get; set; } = 1;

    internal int NextProductRowId { get; set; } = 1;

    /// <summary>The type's records in ID order; list methods seek in it by ID (see <see cref="RecordList"/>).</summary>
    public RecordsById All(CrmEntityType type) => _records[type.Id];

    public JsonObject? Find(CrmEntityType type, int id) => _records[type.Id].TryGet(id, out var r) ? r : null;

    public string Now(DateTimeOffset now) => now.ToOffset(portal.Options.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Creates a record from UPPER_CASE fields; unknown fields are ignored as Bitrix24 does.</summary>
    public JsonObject Add(CrmEntityType type, JsonObject fields, int userId, DateTimeOffset now)
    {
        if (type.Field("TITLE") is { Required: true } && string.IsNullOrWhiteSpace(Json.Text(Json.Get(fields, "TITLE"))))
        {
            throw RestError.Core(type == CrmEntityType.Company ? "Не заполнено обязательное поле \"Название компании\"." : "Не заполнено обязательное поле \"Название\".");
        }
        var id = _nextId[type.Id]++;
        var record = new JsonObject { ["ID"] = Str(id) };
        Apply(type, record, fields, isAdd: true);
        var stamp = Now(now);
        record["DATE_CREATE"] = stamp;
        record["DATE_MODIFY"] = stamp;
        record["CREATED_BY_ID"] = Str(userId);
        record["MODIFY_BY_ID"] = Str(userId);
        Default(record, "ASSIGNED_BY_ID", Str(userId));
        Default(record, "OPENED", "Y");
        if (type == CrmEntityType.Lead)
        {
            Default(record, "TITLE", $"Лид #{id}");
            Default(record, "STATUS_ID", "NEW");
            Default(record, "CURRENCY_ID", "RUB");
            Default(record, "OPPORTUNITY", "0.00");
        }
        else if (type == CrmEntityType.Deal)
        {
            Default(record, "TITLE", $"Сделка #{id}");
            Default(record, "CATEGORY_ID", "0");
            var category = Json.Int(record["CATEGORY_ID"]) ?? 0;
            Default(record, "STAGE_ID", category == 0 ? "NEW" : $"C{category}:NEW");
            Default(record, "CURRENCY_ID", "RUB");
            Default(record, "OPPORTUNITY", "0.00");
            Default(record, "IS_MANUAL_OPPORTUNITY", "N");
            Default(record, "PROBABILITY", "");
            record["CLOSED"] = Json.Text(record["STAGE_ID"]) is "WON" or "LOSE" ? "Y" : "N";
        }
        else if (type == CrmEntityType.Contact)
        {
            if (string.IsNullOrEmpty(Json.Text(record["NAME"])) && string.IsNullOrEmpty(Json.Text(record["LAST_NAME"])))
            {
                record["NAME"] = "Без имени";
            }
        }
        _records[type.Id].Set(id, record);
        return record;
    }

    public void Update(CrmEntityType type, JsonObject record, JsonObject fields, int userId, DateTimeOffset now)
    {
        if (type.Field("TITLE") is { Required: true } && Json.Get(fields, "TITLE") is { } title && string.IsNullOrWhiteSpace(Json.Text(title)))
        {
            throw RestError.Core("Не заполнено обязательное поле \"Название компании\".");
        }
        Apply(type, record, fields, isAdd: false);
        record["DATE_MODIFY"] = Now(now);
        record["MODIFY_BY_ID"] = Str(userId);
        if (type == CrmEntityType.Deal)
        {
            record["CLOSED"] = Json.Text(record["STAGE_ID"]) is "WON" or "LOSE" ? "Y" : "N";
        }
    }

    public bool Delete(CrmEntityType type, int id)
    {
        ProductRows.Remove((type.ShortCode, id));
        return _records[type.Id].Remove(id);
    }

    private void Apply(CrmEntityType type, JsonObject record, JsonObject fields, bool isAdd)
    {
        ApplyFields(type, record, fields, isAdd);
        if (type == CrmEntityType.Deal)
        {
            SyncDealContacts(record, fields);
        }
    }

    private void ApplyFields(CrmEntityType type, JsonObject record, JsonObject fields, bool isAdd)
    {
        foreach (var (key, value) in fields)
        {
            var name = key.ToUpperInvariant();
            var field = type.Field(name);
            if (field is { IsMultiField: true })
            {
                MultiFields.Apply(record, name, value, isAdd, () => _nextMultiFieldId++);
                continue;
            }
            if (field is { ReadOnly: false })
            {
                record[name] = field.Multiple ? StringList(value) : JsonValue.Create(Json.Text(value) ?? "");
                continue;
            }
            if (name.StartsWith("UF_CRM_", StringComparison.Ordinal) && UserFields.Find(type, name) is { } uf)
            {
                var multiple = Json.Flag(uf["MULTIPLE"]);
                record[name] = multiple ? StringList(value) : JsonValue.Create(Json.Text(value is JsonArray a && a.Count > 0 ? a[0] : value) ?? "");
            }
        }
    }

    /// <summary>A deal's CONTACT_ID is the first of CONTACT_IDS; whichever the caller wrote, the other follows.</summary>
    private static void SyncDealContacts(JsonObject record, JsonObject fields)
    {
        var wroteIds = fields.Any(kv => string.Equals(kv.Key, "CONTACT_IDS", StringComparison.OrdinalIgnoreCase));
        var wroteId = fields.Any(kv => string.Equals(kv.Key, "CONTACT_ID", StringComparison.OrdinalIgnoreCase));
        if (wroteIds)
        {
            var ids = record["CONTACT_IDS"] as JsonArray ?? new JsonArray();
            record["CONTACT_ID"] = ids.Count > 0 ? Json.Text(ids[0]) : "";
        }
        else if (wroteId)
        {
            var id = Json.Text(record["CONTACT_ID"]);
            record["CONTACT_IDS"] = string.IsNullOrEmpty(id) || id == "0" ? new JsonArray() : new JsonArray(id);
        }
    }

    private static JsonArray StringList(JsonNode? value)
    {
        var list = new JsonArray();
        foreach (var item in Json.Items(value))
        {
            if (Json.Text(item) is { Length: > 0 } s)
            {
                list.Add(s);
            }
        }
        return list;
    }

    private static void Default(JsonObject record, string name, string value)
    {
        if (string.IsNullOrEmpty(Json.Text(record[name])))
        {
            record[name] = value;
        }
    }

    public static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Recomputes a deal's OPPORTUNITY from its rows unless the amount was entered by hand.</summary>
    internal void RecalculateOpportunity(CrmEntityType type, int ownerId)
    {
        if (Find(type, ownerId) is not { } record || Json.Text(record["IS_MANUAL_OPPORTUNITY"]) == "Y" || type == CrmEntityType.Contact || type == CrmEntityType.Company)
        {
            return;
        }
        var rows = ProductRows.TryGetValue((type.ShortCode, ownerId), out var r) ? r : [];
        var sum = rows.Sum(row => (Json.Double(row["PRICE"]) ?? 0) * (Json.Double(row["QUANTITY"]) ?? 0));
        record["OPPORTUNITY"] = sum.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
