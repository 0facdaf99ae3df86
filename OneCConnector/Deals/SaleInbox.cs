using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WineB24.Bitrix24Client.Calls;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Errors;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// The durable background step between a parsed 1C file and Bitrix24: inbox rows are applied in arrival order per
/// portal (counterparties before order reports, so a new company exists before its deal is touched), deleted when
/// done, retried with back-off when Bitrix24 fails (a later row of the same portal waits, keeping order), and
/// survive restarts because they live in the database. The same pass prepares queued deals for the next
/// <c>mode=query</c>.
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
            var applied = await ApplyDueAsync(services.GetRequiredService<ICounterpartySink>(), services.GetRequiredService<DealStatusSync>(), ct);
            await services.GetRequiredService<OrderExportQueue>().PrepareAsync(ct);
            return applied;
        }
        finally
        {
            passes.Release();
        }
    }

    private async Task<int> ApplyDueAsync(ICounterpartySink counterparties, DealStatusSync statuses, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        List<SaleInboxRecord> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rows = await db.SaleInbox.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(200).ToListAsync(ct);
        }
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var applied = 0;
        foreach (var row in rows)
        {
            if (blocked.Contains(row.MemberId) || row.NextAttemptAt > now)
            {
                blocked.Add(row.MemberId);
                continue;
            }
            try
            {
                var payload = SaleInboxPayload.Deserialize(row.Payload);
                await counterparties.ApplyAsync(row.MemberId, payload.Counterparties, ct);
                await statuses.ApplyAsync(row.MemberId, payload.Orders, ct);
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.SaleInbox.Where(r => r.Id == row.Id && r.MemberId == row.MemberId && r.CreatedAt == row.CreatedAt).ExecuteDeleteAsync(ct);
                applied++;
            }
            catch (PortalNeedsAttentionException ex)
            {
                blocked.Add(row.MemberId);
                await DeferAsync(row, ex.Message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "1C sale file {Source} of {MemberId}: Bitrix24 step failed (attempt {Attempt})", row.Source, row.MemberId, row.Attempts + 1);
                blocked.Add(row.MemberId);
                await DeferAsync(row, ex.Message, ct);
            }
        }
        return applied;
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
