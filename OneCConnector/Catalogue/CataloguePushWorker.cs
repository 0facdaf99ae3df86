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
/// left pending. Portals are pushed one at a time (the rate limit is per portal; this keeps memory flat).
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
        var due = new HashSet<string>(StringComparer.Ordinal);
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (time.GetUtcNow() >= nextSweep)
            {
                due.UnionWith(await PortalsWithPendingRowsAsync(stoppingToken));
                nextSweep = time.GetUtcNow() + options.Value.RetryInterval;
            }
            while (signal.Reader.TryRead(out var memberId))
            {
                due.Add(memberId);
            }
            foreach (var memberId in due.ToList())
            {
                due.Remove(memberId);
                try
                {
                    await pusher.PushAsync(memberId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Rows stay pending; the next sweep retries them.
                    logger.LogWarning(ex, "Catalogue push for {MemberId} stopped; pending rows are retried later", memberId);
                }
            }
            var left = nextSweep - time.GetUtcNow();
            using var timer = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
            try
            {
                await signal.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
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
