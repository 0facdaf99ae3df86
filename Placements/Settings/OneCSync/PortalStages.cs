using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.Placements.Settings.OneCSync;

/// <summary>
/// The portal's real deal stages, every pipeline: <c>crm.category.list</c> (entityTypeId 2) then
/// <c>crm.status.list</c> for <c>DEAL_STAGE</c> / <c>DEAL_STAGE_{id}</c>. The admin picks from these; a submitted
/// stage id that is not among them is refused.
/// </summary>
public static class PortalStages
{
    public static async Task<IReadOnlyList<PortalStage>> ReadAsync(IBitrix24Client client, CancellationToken ct)
    {
        var categories = ListCalls.Rows((await client.CallAsync("crm.category.list", new { entityTypeId = 2 }, CallKind.Read, ct)).Result)
            .Select(c => (Id: c.Value<long?>("id") ?? 0, Name: c.Value<string>("name") ?? ""))
            .ToList();
        if (!categories.Any(c => c.Id == 0)) categories.Insert(0, (0, ""));
        var stages = new List<PortalStage>();
        foreach (var (id, name) in categories)
        {
            var entity = id == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{id}";
            await foreach (var s in client.ListAsync("crm.status.list", new { filter = new { ENTITY_ID = entity }, order = new { SORT = "ASC" } }, ct))
            {
                stages.Add(new PortalStage(id, name, s.Value<string>("STATUS_ID") ?? "", s.Value<string>("NAME") ?? "", Semantics(s)));
            }
        }
        return stages;
    }

    private static string Semantics(JObject s) =>
        s["EXTRA"]?.Value<string>("SEMANTICS") ?? (s.Value<string>("SEMANTICS") switch { "S" => "success", "F" => "failure", _ => "process" });
}
