using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WineB24.Bitrix24Client.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.Catalogue;
using WineB24.Bitrix24Client.Errors;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// The durable background step between a parsed 1C file and Bitrix24: inbox rows are applied in arrival order per
/// portal (counterparties before order reports, so a new company exists before its deal is touched), deleted when
/// done, retried with back-off when Bitrix24 fails (a later row of the same portal waits, keeping order), and
/// survive restarts because they live in the database. The same pass prepares queued deals for the next
/// <c>mode=query</c>. With several app instances on one database a portal's rows are applied by the instance that
/// holds the portal's lease (<see cref="PortalLease"/>, purpose <see cref="PortalLease.SaleInbox"/>), so no row is
/// applied twice at once; what a row applied is added to the exchange journal row of the session it came from.
/// </summary>
public sealed class SaleInbox(
    IDbContextFactory<OneCDbContext> dbFactory,
    IServiceProvider services,
    TimeProvider time,
    ILogger<SaleInbox> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim wake = new(0);
    // One pass at a time in this process: the timer's pass and one started by hand (tests, tools) never interleave.
    private readonly SemaphoreSlim passes = new(1, 1);

    /// <summary>New work arrived: run a pass now rather than at the next tick.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "1C sale inbox pass failed");
            }
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(wake.WaitAsync(waiting.Token), Task.Delay(Interval, time, waiting.Token));
            await waiting.CancelAsync();
        }
    }

    /// <summary>One pass: every due inbox row, then export preparation. Returns the inbox rows applied.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        // Resolved here, not in the constructor: a host without the Bitrix24 client (exchange-only) still starts.
        if (services.GetService<IBitrix24ClientFactory>() is null)
        {
            return 0;
        }
        await passes.WaitAsync(ct);
        try
        {
            var applied = await ApplyDueAsync(services.GetRequiredService<ICounterpartySink>(), services.GetRequiredService<DealStatusSync>(),
                services.GetRequiredService<PortalLease>(), services.GetRequiredService<ExchangeJournal>(), ct);
            await MarkSessionsAppliedAsync(services.GetRequiredService<ExchangeJournal>(), ct);
            await services.GetRequiredService<OrderExportQueue>().PrepareAsync(ct);
            return applied;
        }
        finally
        {
            passes.Release();
        }
    }

    /// <summary>
    /// Portals run side by side (up to <see cref="CatalogueOptions.MaxConcurrentPortals"/>: Bitrix24's limits are per
    /// portal), each one strictly in order under its lease, so a slow or failing portal never holds back another's rows.
    /// </summary>
    private async Task<int> ApplyDueAsync(ICounterpartySink counterparties, DealStatusSync statuses, PortalLease lease, ExchangeJournal journal,
        CancellationToken ct)
    {
        List<string> portals;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            portals = await db.SaleInbox.AsNoTracking().Select(r => r.MemberId).Distinct().ToListAsync(ct);
        }
        var limit = services.GetService<IOptions<CatalogueOptions>>()?.Value.MaxConcurrentPortals ?? new CatalogueOptions().MaxConcurrentPortals;
        var applied = 0;
        await Parallel.ForEachAsync(portals, new ParallelOptions { MaxDegreeOfParallelism = limit, CancellationToken = ct }, async (memberId, token) =>
        {
            try
            {
                Interlocked.Add(ref applied, await ApplyPortalAsync(memberId, counterparties, statuses, lease, journal, token));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                // Its rows stay in the inbox for the next pass; the other portals go on.
                logger.LogError(ex, "1C sale inbox: portal {MemberId} stopped this pass", memberId);
            }
        });
        return applied;
    }

    /// <summary>
    /// A portal's due rows, oldest first (≤ 200 a pass), under its lease; the first row not due or deferred stops the
    /// portal's pass so its later rows keep waiting in order.
    /// </summary>
    private async Task<int> ApplyPortalAsync(string memberId, ICounterpartySink counterparties, DealStatusSync statuses, PortalLease lease,
        ExchangeJournal journal, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        List<SaleInboxRecord> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rows = await db.SaleInbox.AsNoTracking().Where(r => r.MemberId == memberId)
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(200).ToListAsync(ct);
        }
        if (rows.Count == 0 || rows[0].NextAttemptAt > now)
        {
            return 0;
        }
        var holder = PortalLease.NewHolder();
        var applied = 0;
        try
        {
            foreach (var row in rows)
            {
                // Renewed before every row: a long pass keeps its lease; another instance's pass skips the portal.
                if (row.NextAttemptAt > now || !await lease.TryAcquireAsync(memberId, PortalLease.SaleInbox, holder, ct))
                {
                    break;
                }
                var outcome = await ApplyRowAsync(row, counterparties, statuses, journal, ct);
                if (outcome == RowOutcome.Applied)
                {
                    applied++;
                }
                else if (outcome == RowOutcome.Deferred)
                {
                    break;
                }
            }
        }
        finally
        {
            await lease.ReleaseAsync(memberId, PortalLease.SaleInbox, holder, CancellationToken.None);
        }
        return applied;
    }

    private enum RowOutcome { Applied, Gone, Deferred }

    /// <summary>
    /// Rows are applied oldest first and a failing row holds back the portal's later ones, so every session that queued
    /// its last file before the oldest row still waiting is wholly in Bitrix24.
    /// </summary>
    private async Task MarkSessionsAppliedAsync(ExchangeJournal journal, CancellationToken ct)
    {
        foreach (var memberId in await journal.PortalsAwaitingAsync(Bitrix24Work.Sale, ct))
        {
            long? oldestLeft;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                oldestLeft = await db.SaleInbox.Where(r => r.MemberId == memberId).MinAsync(r => (long?)r.CreatedAt, ct);
            }
            // Strictly before the oldest row left: a session marked in the same millisecond may own that row.
            await journal.MarkAppliedAsync(memberId, Bitrix24Work.Sale, oldestLeft - 1 ?? time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        }
    }

    /// <summary>Applies one row under the portal's lease.</summary>
    private async Task<RowOutcome> ApplyRowAsync(SaleInboxRecord row, ICounterpartySink counterparties, DealStatusSync statuses, ExchangeJournal journal,
        CancellationToken ct)
    {
        SaleInboxPayload? payload = null;
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                // Re-read under the lease: another instance may have applied and deleted it since this pass listed it.
                if (!await db.SaleInbox.AnyAsync(r => r.Id == row.Id && r.MemberId == row.MemberId && r.CreatedAt == row.CreatedAt, ct))
                {
                    return RowOutcome.Gone;
                }
            }
            payload = SaleInboxPayload.Deserialize(row.Payload);
            var report = new ApplyReport();
            if (counterparties is CounterpartySync sync)
            {
                await sync.ApplyAsync(row.MemberId, payload.Counterparties, report, ct);
            }
            else
            {
                await counterparties.ApplyAsync(row.MemberId, payload.Counterparties, ct);
            }
            await statuses.ApplyAsync(row.MemberId, payload.Orders, report, ct);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                await db.SaleInbox.Where(r => r.Id == row.Id && r.MemberId == row.MemberId && r.CreatedAt == row.CreatedAt).ExecuteDeleteAsync(ct);
            }
            if (payload.SessionId is { } session)
            {
                await journal.RecordAppliedAsync(row.MemberId, session, report.Changes, report.Held, ct);
            }
            logger.LogInformation("1C sale file {Source} of {MemberId} applied: {Created} companies created, {Updated} updated, {Deals} deals moved, {Held} held for review",
                row.Source, row.MemberId, report.CompaniesCreated, report.CompaniesUpdated, report.DealsMoved, report.Held.Count);
            return RowOutcome.Applied;
        }
        catch (PortalNeedsAttentionException ex)
        {
            await DeferAsync(row, ex.Message, ct);
            await JournalFirstFailureAsync(journal, row, payload, ex.Message, ct);
            return RowOutcome.Deferred;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "1C sale file {Source} of {MemberId}: Bitrix24 step failed (attempt {Attempt})", row.Source, row.MemberId, row.Attempts + 1);
            await DeferAsync(row, ex.Message, ct);
            await JournalFirstFailureAsync(journal, row, payload, ex.Message, ct);
            return RowOutcome.Deferred;
        }
    }

    /// <summary>The first failure of a row shows in its session's journal row (later retries only update the inbox row).</summary>
    private static async Task JournalFirstFailureAsync(ExchangeJournal journal, SaleInboxRecord row, SaleInboxPayload? payload, string error, CancellationToken ct)
    {
        if (row.Attempts == 0 && payload?.SessionId is { } session)
        {
            await journal.RecordAppliedAsync(row.MemberId, session, 0,
                [$"{row.Source}: запись в Битрикс24 отложена, будет повторена автоматически — {error.ReplaceLineEndings(" ")}"], ct);
        }
    }

    private async Task DeferAsync(SaleInboxRecord row, string error, CancellationToken ct)
    {
        var delay = TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Min(row.Attempts, 10))));
        var next = time.GetUtcNow().Add(delay).ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SaleInbox.Where(r => r.Id == row.Id && r.MemberId == row.MemberId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Attempts, r => r.Attempts + 1)
            .SetProperty(r => r.NextAttemptAt, next)
            .SetProperty(r => r.LastError, error.Length > 2000 ? error[..2000] : error), ct);
    }
}
