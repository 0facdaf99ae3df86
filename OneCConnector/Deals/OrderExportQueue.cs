using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>What queueing did: <see cref="Queued"/> false means the company is already known in 1C.</summary>
public sealed record QueueOutcome(bool Queued, string? OneCId, string? OrderNumber);

/// <summary>
/// Deals waiting to go to 1C. Queueing only writes our database; the background pass
/// (<see cref="PrepareAsync"/>) picks up deals that entered a "send to 1C" stage and reads each queued deal, its
/// product rows, company and requisite in batches into a snapshot that <c>mode=query</c> serves.
/// </summary>
public sealed class OrderExportQueue(
    IDbContextFactory<OneCDbContext> dbFactory,
    IBitrix24ClientFactory clients,
    ICounterpartyCompanies companies,
    StageMap stageMap,
    TimeProvider time,
    ILogger<OrderExportQueue> logger)
{
    /// <summary>How often a portal's "send to 1C" stages are listed: each scan costs ⌈deals in those stages / 50⌉ reads.</summary>
    public static readonly TimeSpan StageScanInterval = TimeSpan.FromMinutes(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> lastStageScan = new(StringComparer.Ordinal);

    public async Task<QueueOutcome> QueueDealAsync(string memberId, long dealId, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.DealLinks.FirstOrDefaultAsync(l => l.MemberId == memberId && l.DealId == dealId, ct);
        if (link is null)
        {
            link = new DealLinkRecord { MemberId = memberId, DealId = dealId, OrderNumber = ExportedOrder.NumberFor(dealId) };
            db.DealLinks.Add(link);
        }
        link.QueuedAt = now;
        link.Snapshot = null;   // re-read: the deal may have changed since it was last sent
        link.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new QueueOutcome(true, null, link.OrderNumber);
    }

    /// <summary>A company known in 1C is reported, not queued; otherwise it waits for its next order.</summary>
    public async Task<QueueOutcome> QueueCompanyAsync(string memberId, long companyId, CancellationToken ct)
    {
        if (await companies.FindOneCIdAsync(memberId, companyId, ct) is { } known)
        {
            return new QueueOutcome(false, known, null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.CompanyQueue.AnyAsync(q => q.MemberId == memberId && q.CompanyId == companyId, ct))
        {
            db.CompanyQueue.Add(new CompanyQueueRecord { MemberId = memberId, CompanyId = companyId, QueuedAt = time.GetUtcNow().ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync(ct);
        }
        return new QueueOutcome(true, null, null);
    }

    /// <summary>Queues deals in "send to 1C" stages and snapshots every queued deal not yet prepared, per portal.</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        List<string> members;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            members = await db.StageMap.Where(r => r.SendToOneC).Select(r => r.MemberId)
                .Union(db.DealLinks.Where(l => l.QueuedAt != null && l.Snapshot == null).Select(l => l.MemberId))
                .Distinct().ToListAsync(ct);
        }
        foreach (var memberId in members)
        {
            try
            {
                await PreparePortalAsync(memberId, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Preparing 1C orders of {MemberId} failed; next pass retries", memberId);
            }
        }
    }

    private async Task PreparePortalAsync(string memberId, CancellationToken ct)
    {
        var client = clients.ForPortal(memberId);
        var map = await stageMap.GetAsync(memberId, client, ct);
        var now = time.GetUtcNow();
        if (map.SendStages.Count > 0 && (!lastStageScan.TryGetValue(memberId, out var last) || now - last >= StageScanInterval))
        {
            await QueueFromStagesAsync(memberId, client, map.SendStages, ct);
            lastStageScan[memberId] = now;
        }
        List<DealLinkRecord> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pending = await db.DealLinks.AsNoTracking().Where(l => l.MemberId == memberId && l.QueuedAt != null && l.Snapshot == null)
                .OrderBy(l => l.QueuedAt).Take(200).ToListAsync(ct);
        }
        if (pending.Count == 0)
        {
            return;
        }
        var deals = await client.RunAsync(pending.SelectMany(l => new[]
        {
            new BatchCommand("d" + l.DealId, "crm.deal.get", new { id = l.DealId }),
            new BatchCommand("p" + l.DealId, "crm.deal.productrows.get", new { id = l.DealId }),
        }), cancellationToken: ct);
        var companyIds = pending.Select(l => deals.Results.GetValueOrDefault("d" + l.DealId)?.Value<string>("COMPANY_ID"))
            .Select(s => long.TryParse(s, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        var companyData = companyIds.Count == 0 ? new BatchResult() : await client.RunAsync(companyIds.SelectMany(id => new[]
        {
            new BatchCommand("c" + id, "crm.company.get", new { id }),
            new BatchCommand("r" + id, "crm.requisite.list", new { filter = new { ENTITY_TYPE_ID = 4, ENTITY_ID = id } }),
        }), cancellationToken: ct);

        await using var write = await dbFactory.CreateDbContextAsync(ct);
        foreach (var link in pending)
        {
            if (!deals.Results.TryGetValue("d" + link.DealId, out var deal) || deal is not JObject d)
            {
                logger.LogWarning("Deal {DealId} of {MemberId} queued for 1C cannot be read: {Error}", link.DealId, memberId,
                    deals.Errors.GetValueOrDefault("d" + link.DealId)?.Message);
                continue;
            }
            var companyId = long.TryParse(d.Value<string>("COMPANY_ID"), out var cid) && cid > 0 ? cid : (long?)null;
            var buyer = companyId is { } c ? await BuyerAsync(memberId, c, companyData, ct) : null;
            var lines = (deals.Results.GetValueOrDefault("p" + link.DealId) as JArray ?? [])
                .OfType<JObject>()
                .Select(r => new ExportedLine(r.Value<string>("PRODUCT_ID") is { Length: > 0 } pid && pid != "0" ? "B24P" + pid : null,
                    r.Value<string>("PRODUCT_NAME") ?? "", Decimal(r, "PRICE"), Decimal(r, "QUANTITY"), r.Value<string>("MEASURE_NAME")))
                .ToList();
            // The portal's own wall-clock time (1C writes dates without a zone), not the server's.
            var date = DateTimeOffset.TryParse(d.Value<string>("DATE_CREATE"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
                ? created.DateTime : time.GetLocalNow().DateTime;
            var order = new ExportedOrder(link.OrderNumber, link.DealId, date, d.Value<string>("CURRENCY_ID") is { Length: > 0 } cur ? cur : "RUB",
                lines.Count > 0 ? lines.Sum(l => Math.Round(l.Price * l.Quantity, 2)) : Decimal(d, "OPPORTUNITY"),
                d.Value<string>("COMMENTS"), companyId, buyer, lines);
            var row = await write.DealLinks.FirstAsync(l => l.MemberId == memberId && l.DealId == link.DealId, ct);
            row.Snapshot = order.Serialize();
            row.CategoryId = long.TryParse(d.Value<string>("CATEGORY_ID"), out var cat) ? cat : 0;
            row.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        }
        await write.SaveChangesAsync(ct);
    }

    private async Task QueueFromStagesAsync(string memberId, IBitrix24Client client, IReadOnlySet<string> stages, CancellationToken ct)
    {
        HashSet<long> known;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            known = (await db.DealLinks.Where(l => l.MemberId == memberId).Select(l => l.DealId).ToListAsync(ct)).ToHashSet();
        }
        var fresh = new List<long>();
        await foreach (var deal in client.Crm.Deals.ExportAsync(new JObject { ["@STAGE_ID"] = new JArray(stages) }, ["ID"], ct))
        {
            if (long.TryParse(deal.Value<string>("ID"), out var id) && !known.Contains(id))
            {
                fresh.Add(id);
            }
        }
        foreach (var id in fresh)
        {
            await QueueDealAsync(memberId, id, ct);
        }
    }

    /// <summary>The buyer card: the 1C id when the company is linked, else our own id so 1C can create it.</summary>
    private async Task<CounterpartyCard?> BuyerAsync(string memberId, long companyId, BatchResult data, CancellationToken ct)
    {
        if (data.Results.GetValueOrDefault("c" + companyId) is not JObject company)
        {
            return null;
        }
        var requisite = (data.Results.GetValueOrDefault("r" + companyId) as JArray ?? []).OfType<JObject>().FirstOrDefault();
        var inn = Text(requisite, "RQ_INN");
        var kpp = Text(requisite, "RQ_KPP");
        var kind = inn is { Length: 12 } ? (kpp is null ? CounterpartyKind.IndividualEntrepreneur : CounterpartyKind.Person) : CounterpartyKind.LegalEntity;
        var oneCId = await companies.FindOneCIdAsync(memberId, companyId, ct) ?? "B24CO" + companyId.ToString(CultureInfo.InvariantCulture);
        var name = company.Value<string>("TITLE") ?? Text(requisite, "RQ_COMPANY_NAME") ?? "";
        return new CounterpartyCard(oneCId, name, Text(requisite, "RQ_COMPANY_FULL_NAME") ?? Text(requisite, "RQ_NAME"), inn, kpp, kind, null,
            Multi(company, "PHONE"), Multi(company, "EMAIL"), false);
    }

    private static string? Text(JObject? o, string field) => o?.Value<string>(field) is { Length: > 0 } s ? s.Trim() : null;

    private static List<string> Multi(JObject o, string field) =>
        (o[field] as JArray ?? []).OfType<JObject>().Select(v => v.Value<string>("VALUE")).OfType<string>().ToList();

    private static decimal Decimal(JObject o, string field) =>
        decimal.TryParse(o.Value<string>(field), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0m;
}
