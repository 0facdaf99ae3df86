using System.Globalization;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.OneCConnector.Deals;

/// <summary>One deal stage of the portal, in its pipeline's sort order.</summary>
/// <param name="Semantics"><c>process</c>, <c>success</c> or <c>failure</c>.</param>
public sealed record DealStage(long CategoryId, string CategoryName, string StageId, string Name, string Semantics);

/// <summary>
/// The portal's real deal stages: <c>crm.category.list</c> (entityTypeId 2), then <c>crm.status.list</c> for
/// <c>DEAL_STAGE</c> (pipeline 0) / <c>DEAL_STAGE_{id}</c> (every pipeline's in one batch). The default stage map is built from the default pipeline;
/// the settings page offers every pipeline.
/// </summary>
public static class DealStages
{
    /// <summary>Every pipeline's stages: the pipelines in one call, their stages in one <c>batch</c> per 50 pipelines.</summary>
    public static async Task<IReadOnlyList<DealStage>> ReadAllAsync(IBitrix24Client client, CancellationToken ct)
    {
        var categories = await CategoriesAsync(client, ct);
        if (!categories.Any(c => c.Id == 0)) categories.Insert(0, (0, "", false));
        // One crm.status.list per pipeline would cost a request each against the portal's rate limit; the SDK's
        // batch helper sends them 50 to a request.
        var batch = await client.RunAsync(categories.Select(c => new BatchCommand(Key(c.Id), "crm.status.list", StatusQuery(c.Id))), cancellationToken: ct);
        var stages = new List<DealStage>();
        foreach (var (id, name, _) in categories)
        {
            var rows = ListCalls.Rows(batch[Key(id)]).ToList(); // a failed command throws its typed error
            if (batch.Nexts.TryGetValue(Key(id), out var next))
            {
                // More than a page of stages in one pipeline: the rest page by page, from where the batch stopped.
                var rest = StatusQuery(id);
                rest["start"] = next;
                await foreach (var s in client.ListAsync("crm.status.list", rest, ct)) rows.Add(s);
            }
            stages.AddRange(rows.Select(s => Stage(id, name, s)));
        }
        return stages;
    }

    /// <summary>The stages of the default pipeline (the one marked <c>isDefault</c>, else pipeline 0).</summary>
    public static async Task<IReadOnlyList<DealStage>> ReadDefaultPipelineAsync(IBitrix24Client client, CancellationToken ct)
    {
        var categories = await CategoriesAsync(client, ct);
        var (id, name, isDefault) = categories.FirstOrDefault(c => c.IsDefault);
        if (!isDefault) (id, name) = (0, "");
        var stages = new List<DealStage>();
        await foreach (var s in client.ListAsync("crm.status.list", StatusQuery(id), ct)) stages.Add(Stage(id, name, s));
        return stages;
    }

    private static async Task<List<(long Id, string Name, bool IsDefault)>> CategoriesAsync(IBitrix24Client client, CancellationToken ct) =>
        ListCalls.Rows((await client.CallAsync("crm.category.list", new { entityTypeId = 2 }, CallKind.Read, ct)).Result)
            .Select(c => (Id: c.Value<long?>("id") ?? 0, Name: c.Value<string>("name") ?? "", IsDefault: c.Value<string>("isDefault") == "Y"))
            .ToList();

    private static string Key(long categoryId) => "stages" + categoryId.ToString(CultureInfo.InvariantCulture);

    private static JObject StatusQuery(long categoryId) => new()
    {
        ["filter"] = new JObject { ["ENTITY_ID"] = categoryId == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{categoryId}" },
        ["order"] = new JObject { ["SORT"] = "ASC" },
    };

    private static DealStage Stage(long categoryId, string categoryName, JObject s) =>
        new(categoryId, categoryName, s.Value<string>("STATUS_ID") ?? "", s.Value<string>("NAME") ?? "", Semantics(s));

    private static string Semantics(JObject s) =>
        s["EXTRA"]?.Value<string>("SEMANTICS") ?? (s.Value<string>("SEMANTICS") switch { "S" => "success", "F" => "failure", _ => "process" });
}
