using WineB24.Bitrix24Client.Limits;

namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// A portal's plan as far as REST limits go (limits page of the REST docs: Enterprise 5 req/s, bucket 250; every
/// other plan 2 req/s, bucket 50). Stored with the portal so a restarted app knows it before the first call.
/// </summary>
public static class PortalPlan
{
    public const string Standard = "standard";
    public const string Enterprise = "enterprise";

    /// <summary>The plan for an app.info LICENSE / LICENSE_FAMILY; the SDK's licence rule decides what is Enterprise.</summary>
    public static string Of(string? license, string? licenseFamily) =>
        PortalLimits.Standard.ForLicense(licenseFamily, license).Burst == PortalLimits.Enterprise.Burst ? Enterprise : Standard;
}
