using Quartz;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.OneCConnector.OData;

/// <summary>On uninstall with "delete data" the portal's OData job and triggers go too (its rows go with <c>OneCPortalDataCleaner</c>).</summary>
public sealed class ODataPortalCleaner(ISchedulerFactory schedulers) : IPortalDataCleaner
{
    public async Task DeletePortalDataAsync(string memberId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(ODataSyncJob.KeyFor(memberId), cancellationToken);
    }
}
