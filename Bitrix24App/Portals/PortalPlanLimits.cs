using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Limits;
using WineB24.Bitrix24Client.Setup;

namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// The app's <see cref="IPortalLimitSettings"/>: each portal's client limiter gets its plan's rate and bucket
/// (<see cref="PortalPlan"/>). A <c>Bitrix24:Limits:RequestsPerSecond</c> or <c>Bitrix24:Limits:Burst</c> that is
/// set in configuration wins over the plan (e.g. a lower burst when several instances share one outgoing IP).
/// The limiter itself lives in the SDK's client factory; this class decides what it is told.
/// </summary>
public sealed class PortalPlanLimits(Bitrix24ClientFactory factory, IOptions<Bitrix24ClientOptions> sdk, IConfiguration configuration)
    : IPortalLimitSettings
{
    private readonly IConfigurationSection _configured = configuration.GetSection(Bitrix24ClientOptions.Section).GetSection(nameof(Bitrix24ClientOptions.Limits));

    public PortalLimits GetLimits(string memberId) => factory.GetLimits(memberId);

    public void SetLimits(string memberId, PortalLimits limits) => factory.SetLimits(memberId, WithConfiguredOverrides(limits));

    /// <summary>Switches the portal's limiter to its plan (<see cref="PortalPlan.Standard"/> or <see cref="PortalPlan.Enterprise"/>).</summary>
    public void ApplyPlan(string memberId, string? plan)
    {
        var baseline = sdk.Value.Limits.ToPortalLimits();
        SetLimits(memberId, baseline.ForLicense(plan == PortalPlan.Enterprise ? "ent" : null));
    }

    private PortalLimits WithConfiguredOverrides(PortalLimits limits)
    {
        var configured = sdk.Value.Limits;
        if (_configured[nameof(Bitrix24LimitOptions.RequestsPerSecond)] is not null)
        {
            limits = limits with { RequestsPerSecond = configured.RequestsPerSecond };
        }
        if (_configured[nameof(Bitrix24LimitOptions.Burst)] is not null)
        {
            limits = limits with { Burst = configured.Burst };
        }
        return limits;
    }
}
