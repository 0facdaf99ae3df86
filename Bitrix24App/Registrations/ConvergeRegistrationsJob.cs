using Quartz;
using WineB24.Bitrix24App.Events;
using WineB24.Bitrix24App.Portals;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Re-runs the registrar for a portal outside a Bitrix24 request (after ONAPPUPDATE, or an install confirmed from
/// the ONAPPINSTALL event), so the event is answered at once and a crash does not skip the convergence.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ConvergeRegistrationsJob(Registrar registrar, PortalRegistry portals, OfflineSweepSchedule offlineSweep, ILogger<ConvergeRegistrationsJob> logger) : IJob
{
    public const string Group = "registrations";
    private const string MemberIdKey = "memberId";

    public static async Task ScheduleAsync(IScheduler scheduler, string memberId, CancellationToken cancellationToken)
    {
        var key = new JobKey($"converge-{memberId}", Group);
        var job = JobBuilder.Create<ConvergeRegistrationsJob>()
            .WithIdentity(key)
            .UsingJobData(MemberIdKey, memberId)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        // Replace: a newer request supersedes a pending one for the same portal.
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await scheduler.TriggerJob(key, cancellationToken);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var memberId = context.MergedJobDataMap.GetString(MemberIdKey) ?? "";
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MemberId"] = memberId, ["JobId"] = context.FireInstanceId });
        var portal = await portals.FindRecordAsync(memberId, cancellationToken);
        if (portal is null || !portal.Installed)
        {
            return;
        }
        await registrar.ConvergeAsync(memberId, portal.Language, cancellationToken);
        // An update may add or drop offline bindings.
        await offlineSweep.EnsureAsync(memberId, cancellationToken);
    }
}
