using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>Where a 1C status puts the deal.</summary>
public sealed record StageTarget(long CategoryId, string StageId);

/// <summary>A portal's 1C status → deal stage map (keyed by <see cref="OrderStatusKey"/>) and its "send to 1C" stages.</summary>
public sealed record PortalStageMap(IReadOnlyDictionary<string, StageTarget> ByStatus, IReadOnlySet<string> SendStages)
{
    /// <summary>Readable status per key, for people; the key itself where no label was kept.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public StageTarget? Find(string statusKey) => ByStatus.GetValueOrDefault(statusKey);

    public string Label(string statusKey) => Labels.GetValueOrDefault(statusKey) ?? statusKey;
}

/// <summary>
/// Per-portal stage map kept in our database. On first use it is built from the portal's real stages of the default
/// deal pipeline (<c>crm.category.list</c> + <c>crm.status.list</c> DEAL_STAGE…): process stages in sort order for
/// agreed → to be fulfilled → to ship → shipped, the success stage for closed, the first failure stage for
/// cancelled. Admins change the rows; an unmapped status goes to the review list instead of being guessed.
/// </summary>
public sealed class StageMap(IDbContextFactory<OneCDbContext> dbFactory)
{
    public const string SendPrefix = ">";

    public async Task<PortalStageMap> GetAsync(string memberId, IBitrix24Client client, CancellationToken ct)
    {
        var rows = await LoadAsync(memberId, ct);
        if (rows.Count == 0)
        {
            await SaveAsync(memberId, await BuildDefaultAsync(memberId, client, ct), ct);
            rows = await LoadAsync(memberId, ct);
        }
        var byStatus = rows.Where(r => !r.SendToOneC).ToDictionary(r => r.OneCStatus, r => new StageTarget(r.CategoryId, r.StageId), StringComparer.Ordinal);
        var send = rows.Where(r => r.SendToOneC).Select(r => r.StageId).ToHashSet(StringComparer.Ordinal);
        var labels = rows.Where(r => !r.SendToOneC && r.Label is not null).ToDictionary(r => r.OneCStatus, r => r.Label!, StringComparer.Ordinal);
        return new PortalStageMap(byStatus, send) { Labels = labels };
    }

    /// <summary>
    /// Replaces the portal's map: 1C status text as people write it → stage (texts with one key: the last wins), and the
    /// stages whose deals go to 1C.
    /// </summary>
    public async Task SetAsync(string memberId, IReadOnlyList<KeyValuePair<string, StageTarget>> byStatus, IEnumerable<StageTarget> sendStages, CancellationToken ct)
    {
        var rows = byStatus.Select(kv => Row(memberId, kv.Key.Trim(), kv.Value, send: false))
            .Reverse().DistinctBy(r => r.OneCStatus).Reverse()
            .Concat(sendStages.Select(s => Row(memberId, SendPrefix + s.StageId, s, send: true)))
            .ToList();
        await SaveAsync(memberId, rows, ct);
    }

    private async Task<List<StageMapRecord>> LoadAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StageMap.AsNoTracking().Where(r => r.MemberId == memberId).ToListAsync(ct);
    }

    private async Task SaveAsync(string memberId, List<StageMapRecord> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.StageMap.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(ct);
        db.StageMap.AddRange(rows.DistinctBy(r => r.OneCStatus));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<StageMapRecord>> BuildDefaultAsync(string memberId, IBitrix24Client client, CancellationToken ct)
    {
        var stages = await DealStages.ReadDefaultPipelineAsync(client, ct);
        var categoryId = stages.Count > 0 ? stages[0].CategoryId : 0;
        var process = stages.Where(s => s.Semantics == "process").Select(s => s.StageId).ToList();
        var success = stages.FirstOrDefault(s => s.Semantics == "success")?.StageId;
        var failure = stages.FirstOrDefault(s => s.Semantics == "failure")?.StageId;
        var rows = new List<StageMapRecord>();
        void Map(string status, string? stage)
        {
            if (stage is not null)
            {
                rows.Add(Row(memberId, status, new StageTarget(categoryId, stage), send: false));
            }
        }
        string? Process(int i) => process.Count == 0 ? null : process[Math.Min(i, process.Count - 1)];
        Map("Не согласован", Process(0));
        Map("Проведен", Process(1));
        Map("Согласован", Process(1));
        Map("К обеспечению", Process(2));
        Map("К выполнению", Process(2));
        Map("Оплачен", Process(2));
        Map("К отгрузке", Process(3));
        Map("Отгружен", Process(4));
        Map("Закрыт", success);
        Map("Завершен", success);
        Map("Выполнен", success);
        Map("Отменен", failure);
        return rows;
    }

    /// <summary>A status row is keyed by the status's normalised form and keeps its text; a send row by its stage.</summary>
    private static StageMapRecord Row(string memberId, string statusOrSendKey, StageTarget target, bool send) => new()
    {
        MemberId = memberId, OneCStatus = send ? statusOrSendKey : OrderStatusKey.Normalize(statusOrSendKey), CategoryId = target.CategoryId,
        StageId = target.StageId, SendToOneC = send, Label = send ? null : Truncate(statusOrSendKey, 200),
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
