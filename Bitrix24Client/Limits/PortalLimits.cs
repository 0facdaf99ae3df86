namespace WineB24.Bitrix24Client.Limits;

/// <summary>One portal's limits (sheet §4.1, §4.2).</summary>
public sealed record PortalLimits(double RequestsPerSecond, int Burst, double OperatingBudgetSeconds, double OperatingThrottleFraction)
{
    /// <summary>Every plan but Enterprise: 2 requests/s, bucket 50.</summary>
    public static PortalLimits Standard { get; } = new(2, 50, 480, 0.8);

    /// <summary>Enterprise: 5 requests/s, bucket 250.</summary>
    public static PortalLimits Enterprise { get; } = new(5, 250, 480, 0.8);

    /// <summary>
    /// Limits for an <c>app.info</c> LICENSE_FAMILY / LICENSE (<c>ent</c>, <c>de_ent250</c> → Enterprise), keeping this
    /// instance's operating-time settings.
    /// </summary>
    public PortalLimits ForLicense(string? licenseFamily, string? license = null)
    {
        var enterprise = string.Equals(licenseFamily, "ent", StringComparison.OrdinalIgnoreCase)
            || (license is not null && license.Contains("_ent", StringComparison.OrdinalIgnoreCase))
            || (license is not null && license.StartsWith("ent", StringComparison.OrdinalIgnoreCase));
        var rate = enterprise ? Enterprise : Standard;
        return this with { RequestsPerSecond = rate.RequestsPerSecond, Burst = rate.Burst };
    }
}
