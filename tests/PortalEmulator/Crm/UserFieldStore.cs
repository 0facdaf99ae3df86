using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Crm;

/// <summary>User fields per CRM entity type, in the shape crm.*.userfield.get returns.</summary>
public sealed class UserFieldStore
{
    private readonly SortedDictionary<int, (CrmEntityType Type, JsonObject Field)> _fields = [];
    private int _nextId = 100;
    private int _nextEnumValueId = 1;

    public IEnumerable<JsonObject> Of(CrmEntityType type) => _fields.Values.Where(f => f.Type == type).Select(f => f.Field);

    public JsonObject? Find(CrmEntityType type, string fieldName)
        => Of(type).FirstOrDefault(f => Json.Text(f["FIELD_NAME"]) == fieldName);

    public (CrmEntityType Type, JsonObject Field)? Get(int id) => _fields.TryGetValue(id, out var f) ? f : null;

    internal int Add(CrmEntityType type, JsonObject field)
    {
        var id = _nextId++;
        field["ID"] = CrmStore.Str(id);
        _fields[id] = (type, field);
        return id;
    }

    internal bool Remove(int id) => _fields.Remove(id);

    internal int NextEnumValueId() => _nextEnumValueId++;
}
