using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>
/// crm.duplicate.findbycomm: PHONE or EMAIL, up to 20 values, searched in LEAD, CONTACT, COMPANY order; a type
/// with 20 or more hits suppresses the types after it. Phones compare by digits with 8/+7 trunk prefixes alike.
/// </summary>
public static class DuplicateMethods
{
    private const int MaxValues = 20;
    private static readonly CrmEntityType[] Order = [CrmEntityType.Lead, CrmEntityType.Contact, CrmEntityType.Company];

    public static void Register(MethodRegistry registry) => registry.Add("crm.duplicate.findbycomm", "crm", Find);

    private static MethodResult Find(MethodCall call)
    {
        var kind = (call.Text("type") ?? "").ToUpperInvariant();
        if (kind is not ("PHONE" or "EMAIL"))
        {
            throw RestError.Core("Parameter 'TYPE' is not defined or invalid.");
        }
        var values = Json.Items(call.Param("values")).Select(Json.Text).OfType<string>().Where(v => v.Trim().Length > 0).ToList();
        if (values.Count == 0)
        {
            throw RestError.Core("Parameter 'VALUES' is not defined or invalid.");
        }
        if (values.Count > MaxValues)
        {
            throw RestError.Core($"Too many values. Maximum is {MaxValues}.");
        }
        var only = call.Text("entity_type")?.ToUpperInvariant();
        if (only is not null && only.Length > 0 && CrmEntityType.ByName(only) is null)
        {
            throw RestError.Core("Parameter 'ENTITY_TYPE' is not defined or invalid.");
        }
        var wanted = values.Select(v => Normalise(kind, v)).ToHashSet();
        var result = new JsonObject();
        foreach (var type in Order.Where(t => string.IsNullOrEmpty(only) || t.Name == only))
        {
            var ids = call.Portal.Crm.All(type)
                .Where(r => (r[kind] as JsonArray)?.OfType<JsonObject>().Any(e => wanted.Contains(Normalise(kind, Json.Text(e["VALUE"]) ?? ""))) == true)
                .Select(r => Json.Int(r["ID"])!.Value)
                .ToList();
            if (ids.Count == 0)
            {
                continue;
            }
            result[type.Name] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
            if (ids.Count >= MaxValues)
            {
                break;
            }
        }
        return result.Count == 0 ? new JsonArray() : result;
    }

    private static string Normalise(string kind, string value)
        => kind == "PHONE" ? MultiFields.NormalisePhone(value) : value.Trim().ToLowerInvariant();
}
