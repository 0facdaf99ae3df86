using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// Applies 1C order reports to their deals: the stage from the portal's stage map, payment/shipment numbers and dates,
/// the paid flag and 1C's number. A deal is found through our link table by the order's <c>Ид</c> or <c>Номер</c>
/// (what we sent) or by 1C's number. The same state twice costs nothing (hash per deal); an unknown order or an
/// unmapped status goes to the review list and the deal is left alone. All updates go out in batches.
/// </summary>
public sealed class DealStatusSync(
    IDbContextFactory<OneCDbContext> dbFactory,
    IBitrix24ClientFactory clients,
    StageMap stageMap,
    ReviewList review,
    TimeProvider time,
    ILogger<DealStatusSync> logger)
{
    public Task ApplyAsync(string memberId, IReadOnlyList<OrderStatusReport> reports, CancellationToken ct) =>
        ApplyAsync(memberId, reports, new ApplyReport(), ct);

    /// <summary>As the overload without a report, counting moved deals and review entries into <paramref name="applyReport"/>.</summary>
    public async Task ApplyAsync(string memberId, IReadOnlyList<OrderStatusReport> reports, ApplyReport applyReport, CancellationToken ct)
    {
        if (reports.Count == 0)
        {
            return;
        }
        var keys = reports.SelectMany(r => new[] { r.Id, r.Number }).OfType<string>().Distinct().ToList();
        var oneCNumbers = reports.Select(r => r.OneCNumber).OfType<string>().Distinct().ToList();
        List<DealLinkRecord> links;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            links = await db.DealLinks.AsNoTracking()
                .Where(l => l.MemberId == memberId && (keys.Contains(l.OrderNumber) || (l.OneCNumber != null && oneCNumbers.Contains(l.OneCNumber))))
                .ToListAsync(ct);
        }
        var client = clients.ForPortal(memberId);
        var map = await stageMap.GetAsync(memberId, client, ct);

        var updates = new List<(DealLinkRecord Link, OrderStatusReport Report, JObject Fields, string Hash)>();
        foreach (var report in reports.GroupBy(r => r.Label).Select(g => g.Last()))
        {
            var link = links.FirstOrDefault(l => l.OrderNumber == report.Id || l.OrderNumber == report.Number)
                ?? links.FirstOrDefault(l => report.OneCNumber is not null && l.OneCNumber == report.OneCNumber);
            if (link is null)
            {
                await HoldAsync(memberId, applyReport, report, new("order_unknown", new(
                    $"Заказ {report.Label} из 1С не связан ни с одной сделкой.", $"1C order {report.Label} is not linked to any deal.")), ct);
                continue;
            }
            var fields = Fields(report);
            if (report.StatusKey is { } key)
            {
                if (map.Find(key) is not { } target)
                {
                    await HoldAsync(memberId, applyReport, report, new("status_unknown", new(
                        $"Статус «{report.Status ?? key}» заказа {report.Label} не сопоставлен со стадией сделки; настройте карту стадий.",
                        $"Status \"{report.Status ?? key}\" of order {report.Label} has no deal stage; extend the stage map.")), ct);
                    continue;
                }
                if (link.CategoryId is { } category && category != target.CategoryId)
                {
                    await HoldAsync(memberId, applyReport, report, new("category_mismatch", new(
                        $"Сделка {link.DealId} в воронке {category}, а статус «{report.Status ?? key}» ведёт в воронку {target.CategoryId}.",
                        $"Deal {link.DealId} is in pipeline {category}, but status \"{report.Status ?? key}\" maps to pipeline {target.CategoryId}.")), ct);
                    continue;
                }
                fields["STAGE_ID"] = target.StageId;
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields.ToString(Newtonsoft.Json.Formatting.None))));
            if (hash != link.StateHash)
            {
                updates.Add((link, report, fields, hash));
            }
        }
        if (updates.Count == 0)
        {
            return;
        }

        var commands = updates.Select((u, i) => new BatchCommand("d" + i.ToString(CultureInfo.InvariantCulture), "crm.deal.update",
            new JObject { ["id"] = u.Link.DealId, ["fields"] = u.Fields, ["params"] = new JObject { ["REGISTER_SONET_EVENT"] = "N" } },
            CallKind.IdempotentWrite)).ToList();
        var result = await client.RunAsync(commands, cancellationToken: ct);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var applied = new List<string>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            for (var i = 0; i < updates.Count; i++)
            {
                var (link, report, _, hash) = updates[i];
                if (result.Errors.TryGetValue(commands[i].Key, out var error))
                {
                    logger.LogWarning("Deal {DealId} of {MemberId}: 1C state not written: {Code} {Description}", link.DealId, memberId, error.Code, error.Description);
                    await HoldAsync(memberId, applyReport, report, new("bitrix24_refused", new(
                        $"Битрикс24 не принял состояние заказа {report.Label} для сделки {link.DealId}: {error.Description}",
                        $"Bitrix24 refused the state of order {report.Label} for deal {link.DealId}: {error.Description}")), ct);
                    continue;
                }
                if (!result.Results.ContainsKey(commands[i].Key))
                {
                    continue;
                }
                var row = await db.DealLinks.FirstAsync(l => l.MemberId == memberId && l.DealId == link.DealId, ct);
                row.StateHash = hash;
                row.OneCNumber = report.OneCNumber ?? row.OneCNumber;
                row.UpdatedAt = now;
                applied.Add(report.Label);
                applyReport.DealMoved();
            }
            await db.SaveChangesAsync(ct);
        }
        await review.ResolveAsync(memberId, ReviewList.OrderSubject, applied, ct);
    }

    /// <summary>Empty strings clear a field (null would be dropped from the batch query and leave the old value).</summary>
    private static JObject Fields(OrderStatusReport r) => new()
    {
        [DealUserFields.OneCNumber] = r.OneCNumber ?? "",
        [DealUserFields.Paid] = r.Paid ? "1" : "0",   // boolean user fields take 1/0 (sheet: UF filters)
        [DealUserFields.PaymentNumber] = r.PaymentNumber ?? "",
        [DealUserFields.PaymentDate] = Date(r.PaymentDate),
        [DealUserFields.ShipmentNumber] = r.ShipmentNumber ?? "",
        [DealUserFields.ShipmentDate] = Date(r.ShipmentDate),
    };

    private static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private Task HoldAsync(string memberId, ApplyReport applyReport, OrderStatusReport report, ReviewReason reason, CancellationToken ct) =>
        review.AddAsync(memberId, ReviewList.OrderSubject, report.Label, reason, JsonSerializer.Serialize(report, CounterpartyCards.Json), ct, applyReport);
}
