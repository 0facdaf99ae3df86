using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// The durable background step: pushes a portal's pending catalogue rows when an import signals them, and on start
/// and every <see cref="CatalogueOptions.RetryInterval"/> picks up whatever a crash, a restart or a Bitrix24 error
/// left pending. Bitrix24's limits are per portal, so up to <see cref="CatalogueOptions.MaxConcurrentPortals"/>
/// portals are pushed at the same time (portal B's push does not wait behind portal A's); one portal is never pushed
/// twice at once — a portal signalled while its push runs is pushed again when that run ends (new rows may sit behind
/// the run's cursor) — and across app instances its <see cref="PortalLease"/> keeps it to one pusher. Portals wait
/// for a free slot in the order they became due.
/// </summary>
public sealed class CataloguePushWorker(
    CataloguePushSignal signal,
    CataloguePusher pusher,
    IDbContextFactory<OneCDbContext> dbFactory,
    IOptions<CatalogueOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<CataloguePushWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        if (services.GetService<IBitrix24ClientFactory>() is null)
        {
            logger.LogInformation("No Bitrix24 client registered: 1C catalogue data stays in the connector's tables");
            return;
        }
        var limit = options.Value.MaxConcurrentPortals;
        var due = new List<string>();
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        var nextSweep = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= nextSweep)
                {
                    nextSweep = time.GetUtcNow() + options.Value.RetryInterval;
                    try
                    {
                        AddDue(due, await PortalsWithPendingRowsAsync(stoppingToken));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // A database hiccup must not end the worker (the push would stop until a restart): try at the next sweep.
                        logger.LogWarning(ex, "Catalogue push: listing portals with pending rows failed; retried in {Interval}", options.Value.RetryInterval);
                    }
                }
                while (signal.Reader.TryRead(out var memberId))
                {
                    AddDue(due, [memberId]);
                }
                foreach (var finished in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    running.Remove(finished);
                }
                StartDue(due, running, limit, stoppingToken);

                var left = nextSweep - time.GetUtcNow();
                using var timer = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
                var signalled = signal.Reader.WaitToReadAsync(wait.Token).AsTask();
                // Wake for a signal, the sweep, or a finished push (its slot is free, or its portal is due again).
                await Task.WhenAny(running.Values.Append(signalled));
                await wait.CancelAsync();
                try
                {
                    await signalled;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            // Clean shutdown: running pushes see the token, save what their last batch did and end; rows not yet
            // pushed stay pending (and an add that ran but was not linked is found by its external key next time).
            await Task.WhenAll(running.Values);
        }
    }

    private static void AddDue(List<string> due, IEnumerable<string> memberIds)
    {
        foreach (var memberId in memberIds.Where(m => !due.Contains(m, StringComparer.Ordinal)))
        {
            due.Add(memberId);
        }
    }

    /// <summary>Starts due portals, oldest first, while slots are free; a portal being pushed stays due for its next run.</summary>
    private void StartDue(List<string> due, Dictionary<string, Task> running, int limit, CancellationToken stoppingToken)
    {
        foreach (var memberId in due.ToList())
        {
            if (running.ContainsKey(memberId))
            {
                logger.LogDebug("Catalogue push for {MemberId} is due again: it runs again when its current run ends", memberId);
                continue;
            }
            if (running.Count >= limit)
            {
                logger.LogDebug("Catalogue push for {MemberId} waits for a slot: {Running} portals are being pushed (limit {Limit})",
                    memberId, running.Count, limit);
                return;
            }
            due.Remove(memberId);
            running[memberId] = PushPortalAsync(memberId, stoppingToken);
        }
    }

    /// <summary>One portal's push; never throws, so a failing portal only leaves its own rows pending.</summary>
    private async Task PushPortalAsync(string memberId, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the loop goes on starting other portals
        try
        {
            await pusher.PushAsync(memberId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rows stay pending and the next start resumes them.
        }
        catch (Exception ex)
        {
            // Rows stay pending; the next sweep retries them.
            logger.LogWarning(ex, "Catalogue push for {MemberId} stopped; pending rows are retried later", memberId);
        }
    }

    private async Task<List<string>> PortalsWithPendingRowsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CatalogueItems
            .Where(x => x.Kind == CatalogueKinds.Snapshot || x.Kind == CatalogueKinds.OfferSnapshot
                || (x.Kind != CatalogueKinds.SourceProperty && (x.PushedHash == null || x.PushedHash != x.DesiredHash)))
            .Select(x => x.MemberId).Distinct().ToListAsync(ct);
    }
}
