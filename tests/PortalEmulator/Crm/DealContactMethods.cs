using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Crm;

/// <summary>crm.deal.contact.items.get/set over the deal's CONTACT_IDS (first one is primary).</summary>
public static class DealContactMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.deal.contact.items.get", "crm", Get);
        registry.Add("crm.deal.contact.items.set", "crm", Set);
    }

    private static JsonObject Deal(MethodCall call)
    {
        var id = call.Int("id");
        if (id is null or <= 0)
        {
            throw RestError.Core("ID is not defined or invalid.");
        }
        return call.Portal.Crm.Find(CrmEntityType.Deal, id.Value) ?? throw RestError.NotFound("Not found");
    }

    private static MethodResult Get(MethodCall call)
    {
        var deal = Deal(call);
        var list = new JsonArray();
        var sort = 10;
        foreach (var contact in (deal["CONTACT_IDS"] as JsonArray ?? []).Select(Json.Int).OfType<int>())
        {
            list.Add(new JsonObject { ["CONTACT_ID"] = contact, ["SORT"] = sort, ["ROLE_ID"] = 0, ["IS_PRIMARY"] = sort == 10 ? "Y" : "N" });
            sort += 10;
        }
        return list;
    }

    private static MethodResult Set(MethodCall call)
    {
        var deal = Deal(call);
        var items = Json.Items(call.Param("items")).OfType<JsonObject>()
            .Select(i => (Id: Json.Int(Json.Get(i, "CONTACT_ID")), Primary: Json.Flag(Json.Get(i, "IS_PRIMARY")), Sort: Json.Int(Json.Get(i, "SORT")) ?? 0))
            .Where(i => i.Id is > 0)
            .OrderByDescending(i => i.Primary).ThenBy(i => i.Sort)
            .ToList();
        var ids = new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(CrmStore.Str(i.Id!.Value))).ToArray());
        call.Portal.Crm.Update(CrmEntityType.Deal, deal, new JsonObject { ["CONTACT_IDS"] = ids }, call.Caller.UserId, call.Now);
        call.Portal.Events.Raise("ONCRMDEALUPDATE", LegacyCrmMethods.Data(Json.Int(deal["ID"])!.Value), call.Caller.UserId);
        return MethodResult.True;
    }
}
