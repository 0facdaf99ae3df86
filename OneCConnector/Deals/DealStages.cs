using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.OneCConnector.Deals;

/// <summary>One deal stage of the portal, in its pipeline's sort order.</summary>
/// <param name="Semantics"><c>process</c>, <c>success</c> or <c>failure</c>.</param>
public sealed record DealStage(long CategoryId, string CategoryName, string StageId, string Name, string Semantics);

/// <summary>
/// The portal's real deal stages: <c>crm.category.list</c> (entityTypeId 2), then <c>crm.status.list</c> for
/// <c>DEAL_STAGE</c> (pipeline 0) / <c>DEAL_STAGE_{id}</c>. The default stage map is built from the default pipeline;
/// the settings page offers every pipeline.
/// </summary>
public static class DealStages
{
    public static async Task<IReadOnlyList<DealStage>> ReadAllAsync(IBitrix24Client client, CancellationToken ct)
    {
        var categories = await CategoriesAsync(client, ct);
        if (!categories.Any(c => c.Id == 0)) categories.Insert(0, (0, "", false));
        return await StagesAsync(client, categories, ct);
    }

    /// <summary>The stages of the default pipeline (the one marked <c>isDefault</c>, else pipeline 0).</summary>
    public static async Task<IReadOnlyList<DealStage>> ReadDefaultPipelineAsync(IBitrix24Client client, CancellationToken ct)
    {
        var categories = await CategoriesAsync(client, ct);
        var main = categories.FirstOrDefault(c => c.IsDefault);
        return await StagesAsync(client, [main.IsDefault ? main : (0, "", true)], ct);
    }

    private static async Task<List<(long Id, string Name, bool IsDefault)>> CategoriesAsync(IBitrix24Client client, CancellationToken ct) =>
        ListCalls.Rows((await client.CallAsync("crm.category.list", new { entityTypeId = 2 }, CallKind.Read, ct)).Result)
            .Select(c => (Id: c.Value<long?>("id") ?? 0, Name: c.Value<string>("name") ?? "", IsDefault: c.Value<string>("isDefault") == "Y"))
            .ToList();

    private static async Task<IReadOnlyList<DealStage>> StagesAsync(IBitrix24Client client, IEnumerable<(long Id, string Name, bool IsDefault)> categories, CancellationToken ct)
    {
        var stages = new List<DealStage>();
        foreach (var (id, name, _) in categories)
        {
            var entity = id == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{id}";
            await foreach (var s in client.ListAsync("crm.status.list", new { filter = new { ENTITY_ID = entity }, order = new { SORT = "ASC" } }, ct))
            {
                stages.Add(new DealStage(id, name, s.Value<string>("STATUS_ID") ?? "", s.Value<string>("NAME") ?? "", Semantics(s)));
            }
        }
        return stages;
    }

    private static string Semantics(JObject s) =>
        s["EXTRA"]?.Value<string>("SEMANTICS") ?? (s.Value<string>("SEMANTICS") switch { "S" => "success", "F" => "failure", _ => "process" });
}
