namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// At start-up, before jobs run, tells the SDK each installed portal's stored plan, so a restarted app calls an
/// Enterprise portal at 5/250 from its first request instead of re-reading app.info.
/// </summary>
public sealed class PortalPlanLoader(PortalRegistry registry, PortalPlanLimits limits, ILogger<PortalPlanLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var plans = await registry.ListPlansAsync(cancellationToken);
        foreach (var (memberId, plan) in plans)
        {
            limits.ApplyPlan(memberId, plan);
        }
        logger.LogInformation("Plan limits applied to {Count} installed portals", plans.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
