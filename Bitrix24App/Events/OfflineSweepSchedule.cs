using Microsoft.Extensions.Options;
using Quartz;
using WineB24.Bitrix24App.Jobs;
using WineB24.Bitrix24App.Registrations;

namespace WineB24.Bitrix24App.Events;

/// <summary>Keeps a portal's offline-queue sweep scheduled exactly when some feature binds an offline event.</summary>
public sealed class OfflineSweepSchedule(ISchedulerFactory schedulers, Registrar registrar, IOptions<JobsOptions> jobs)
{
    public async Task EnsureAsync(string memberId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (registrar.Desired().HasOfflineEvents)
        {
            await OfflineEventSweepJob.EnsureScheduledAsync(scheduler, memberId, jobs.Value.OfflineSweepInterval, cancellationToken);
        }
        else
        {
            await OfflineEventSweepJob.RemoveAsync(scheduler, memberId, cancellationToken);
        }
    }

    public async Task RemoveAsync(string memberId, CancellationToken cancellationToken) =>
        await OfflineEventSweepJob.RemoveAsync(await schedulers.GetScheduler(cancellationToken), memberId, cancellationToken);
}
