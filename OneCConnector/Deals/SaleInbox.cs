using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WineB24.Bitrix24Client.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
    // One run per portal at a time in this process: the background loop's run and one started by hand (tests, tools)
    // never interleave on a portal (the lease keeps other instances out).
    private readonly ConcurrentDictionary<string, SemaphoreSlim> portalRuns = new(StringComparer.Ordinal);
    // Bitrix24's limits are per portal, so portals run side by side, up to OneC:SaleInbox:MaxConcurrentPortals.
    private readonly Lazy<SemaphoreSlim> slots = new(() => new SemaphoreSlim(
        services.GetService<IOptions<SaleInboxOptions>>()?.Value.MaxConcurrentPortals ?? new SaleInboxOptions().MaxConcurrentPortals));
    // Session marks and export preparation span portals: one at a time.
    private readonly SemaphoreSlim bookkeeping = new(1, 1);

    /// <summary>New work arrived: run a pass now rather than at the next tick.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    /// <summary>
    /// Every tick or wake-up starts a run for each portal with inbox rows that has none running; a portal's run goes on
    /// while it makes progress (rows that arrive meanwhile included) and ends at its first deferred row. A slow or
    /// failing portal only holds its own slot: the loop does not wait for it.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Resolved here, not in the constructor: a host without the Bitrix24 client (exchange-only) still starts.
                    if (services.GetService<IBitrix24ClientFactory>() is not null)
                    {
                        foreach (var finished in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                        {
                            running.Remove(finished);
                        }
                        foreach (var memberId in (await PortalsWithRowsAsync(stoppingToken)).Where(m => !running.ContainsKey(m)))
                        {
                            running[memberId] = DrainPortalAsync(memberId, stoppingToken);
                        }
                        await BookkeepingAsync(stoppingToken);
                    }
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
        finally
        {
            // Clean shutdown: each run stops at its row boundary (a row not deleted is applied again, idempotently).
            await Task.WhenAll(running.Values);
        }
    }

    /// <summary>One pass: every portal's due inbox rows (≤ 200 each), then export preparation. Returns the inbox rows applied.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (services.GetService<IBitrix24ClientFactory>() is null)
        {
            return 0;
        }
        var portals = await PortalsWithRowsAsync(ct);
        var applied = await Task.WhenAll(portals.Select(async memberId =>
        {
            try
            {
                return await RunPortalAsync(memberId, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(ex, "1C sale inbox: portal {MemberId} stopped this pass; its rows wait for the next", memberId);
                return 0;
            }
        }));
        await BookkeepingAsync(ct);
        return applied.Sum();
    }

    private async Task DrainPortalAsync(string memberId, CancellationToken ct)
    {
        await Task.Yield(); // the loop goes on starting other portals
        try
        {
            while (await RunPortalAsync(memberId, ct) > 0)
            {
            }
            await bookkeeping.WaitAsync(ct);
            try
            {
                await MarkSessionsAppliedAsync(services.GetRequiredService<ExchangeJournal>(), [memberId], ct);
            }
            finally
            {
                bookkeeping.Release();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "1C sale inbox: portal {MemberId} stopped; its rows wait for the next pass", memberId);
        }
    }

    /// <summary>Session marks of every portal with sessions awaiting the inbox, then export preparation.</summary>
    private async Task BookkeepingAsync(CancellationToken ct)
    {
        await bookkeeping.WaitAsync(ct);
        try
        {
            var journal = services.GetRequiredService<ExchangeJournal>();
            await MarkSessionsAppliedAsync(journal, await journal.PortalsAwaitingAsync(Bitrix24Work.Sale, ct), ct);
            await services.GetRequiredService<OrderExportQueue>().PrepareAsync(ct);
        }
        finally
        {
            bookkeeping.Release();
        }
    }

    private async Task<List<string>> PortalsWithRowsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SaleInbox.AsNoTracking().Select(r => r.MemberId).Distinct().ToListAsync(ct);
    }

    /// <summary>One run of a portal: waits for the portal's previous run in this process, then for a free slot.</summary>
    private async Task<int> RunPortalAsync(string memberId, CancellationToken ct)
    {
        var gate = portalRuns.GetOrAdd(memberId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (!await slots.Value.WaitAsync(0, ct))
            {
                logger.LogDebug("1C sale inbox: portal {MemberId} waits for a slot (all OneC:SaleInbox:MaxConcurrentPortals are busy)", memberId);
                await slots.Value.WaitAsync(ct);
            }
            try
            {
                return await ApplyPortalAsync(memberId, services.GetRequiredService<ICounterpartySink>(), services.GetRequiredService<DealStatusSync>(),
                    services.GetRequiredService<PortalLease>(), services.GetRequiredService<ExchangeJournal>(), ct);
            }
            finally
            {
                slots.Value.Release();
            }
        }
        finally
        {
            gate.Release();
        }
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
    private async Task MarkSessionsAppliedAsync(ExchangeJournal journal, IEnumerable<string> memberIds, CancellationToken ct)
    {
        foreach (var memberId in memberIds)
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
