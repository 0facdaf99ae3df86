namespace WineB24.PortalEmulator.Cloud;

/// <summary>The cloud: the registered app's credentials, its scope and version, and the clock everything runs on.</summary>
public sealed class CloudOptions
{
    public string ClientId { get; set; } = "local.6a1f0c2b3d4e5f.12345678";

    public string ClientSecret { get; set; } = "emulator-client-secret-0123456789abcdef";

    /// <summary>Comma list, as Bitrix24 reports it (APPLICATION_SCOPE, auth[scope]).</summary>
    public string Scope { get; set; } = "crm,bizproc,placement,user,department,catalog,disk,entity";

    public string AppCode { get; set; } = "wineb24";

    public int AppVersion { get; set; } = 1;

    /// <summary>Clock for token expiry, limits and time blocks. Use <c>ScaledTimeProvider</c> to run fast.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>0 = ephemeral port.</summary>
    public int OAuthPort { get; set; }
}
