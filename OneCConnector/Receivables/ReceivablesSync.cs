using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Receivables;

/// <summary>What one receivables run did; <see cref="Written"/> counts companies updated.</summary>
public sealed record ReceivablesRunResult(int Read, int Changed, int Written, int Unlinked, IReadOnlyList<string> Errors);

/// <summary>
/// Reads receivables from 1C, keeps them as the portal's snapshot and writes only changed values to the linked
/// companies (one <c>crm.company.update</c> per change, sent through the SDK's batch helper). A counterparty whose
/// debt vanished from the balance is set to zero. A counterparty without a company is counted and written as soon
/// as the counterparty sync links it.
/// </summary>
public sealed class ReceivablesSync(
    IDbContextFactory<OneCDbContext> dbFactory, ICounterpartyCompanies companies, TimeProvider time, ILogger<ReceivablesSync> logger)
{
    public async Task<ReceivablesRunResult> RunAsync(string memberId, ODataClient oneC, ODataPreset preset, IBitrix24Client portal, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var read = await ReceivablesReader.ReadAsync(oneC, preset, DateOnly.FromDateTime(now.UtcDateTime), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.Receivables.Where(r => r.MemberId == memberId).ToDictionaryAsync(r => r.CounterpartyId, StringComparer.Ordinal, ct);
        var current = read.ToDictionary(r => r.CounterpartyId, StringComparer.Ordinal);
        foreach (var gone in snapshot.Keys.Where(k => !current.ContainsKey(k)).ToList())
        {
            current[gone] = Receivable.Zero(gone);
        }

        var changed = 0;
        var nowMs = now.ToUnixTimeMilliseconds();
        foreach (var receivable in current.Values)
        {
            var hash = receivable.Fingerprint();
            if (!snapshot.TryGetValue(receivable.CounterpartyId, out var record))
            {
                record = new ReceivableRecord { MemberId = memberId, CounterpartyId = receivable.CounterpartyId, ValuesHash = "" };
                db.Receivables.Add(record);
                snapshot[receivable.CounterpartyId] = record;
            }
            if (record.ValuesHash != hash)
            {
                changed++;
                record.Debt = receivable.Debt;
                record.Overdue = receivable.Overdue;
                record.OverdueSince = receivable.OverdueSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                record.CreditLimit = receivable.CreditLimit;
                record.ValuesHash = hash;
                record.ChangedAt = nowMs;
            }
            record.AsOf = nowMs;
        }
        await db.SaveChangesAsync(ct);

        var pending = snapshot.Values.Where(r => r.PushedHash != r.ValuesHash).ToList();
        var owners = new Dictionary<long, List<ReceivableRecord>>();
        var unlinked = 0;
        foreach (var record in pending)
        {
            var company = await companies.FindCompanyIdAsync(memberId, record.CounterpartyId, ct);
            if (company is null)
            {
                unlinked++;
                continue;
            }
            if (!owners.TryGetValue(company.Value, out var rows)) owners[company.Value] = rows = [];
            rows.Add(record);
        }
        // A company may stand for several counterparties (1C duplicates, branches linked to one company): it shows
        // their sum, so its other, unchanged counterparties (linked by an earlier write) are counted in as well.
        foreach (var (company, rows) in owners)
        {
            rows.AddRange(snapshot.Values.Where(r => r.CompanyId == company && !rows.Contains(r)));
        }

        var commands = new List<BatchCommand>();
        var byKey = new Dictionary<string, (long Company, List<ReceivableRecord> Rows)>(StringComparer.Ordinal);
        foreach (var (company, rows) in owners)
        {
            var key = "r" + commands.Count.ToString(CultureInfo.InvariantCulture);
            var values = ReceivableFields.Values(Sum(rows), DateTimeOffset.FromUnixTimeMilliseconds(rows.Max(r => r.ChangedAt)));
            commands.Add(portal.Crm.Companies.UpdateCommand(key, company, values, new { REGISTER_SONET_EVENT = "N" }));
            byKey[key] = (company, rows);
        }

        var errors = new List<string>();
        var written = 0;
        if (commands.Count > 0)
        {
            var result = await portal.RunAsync(commands, halt: false, ct);
            foreach (var (key, (company, rows)) in byKey)
            {
                if (result.Results.ContainsKey(key))
                {
                    foreach (var record in rows)
                    {
                        record.PushedHash = record.ValuesHash;
                        record.CompanyId = company;
                    }
                    written++;
                }
                else if (result.Errors.TryGetValue(key, out var error))
                {
                    errors.Add($"COMPANY_{company}: {error.Code} {error.Description}");
                }
            }
            await db.SaveChangesAsync(ct);
        }
        logger.LogInformation("Receivables for {MemberId}: {Read} read, {Changed} changed, {Written} companies written, {Unlinked} without a company",
            memberId, read.Count, changed, written, unlinked);
        return new ReceivablesRunResult(read.Count, changed, written, unlinked, errors);
    }

    private static Receivable Sum(IReadOnlyList<ReceivableRecord> rows)
    {
        var parts = rows.Select(r => ReceivableSnapshot.From(r).Receivable).ToList();
        return new Receivable(parts[0].CounterpartyId, parts.Sum(p => p.Debt), parts.Sum(p => p.Overdue),
            parts.Where(p => p.OverdueSince is not null).Min(p => p.OverdueSince),
            parts.Any(p => p.CreditLimit is not null) ? parts.Sum(p => p.CreditLimit ?? 0) : null);
    }
}
