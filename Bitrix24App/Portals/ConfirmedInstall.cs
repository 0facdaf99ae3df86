namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// Credentials and facts about a portal that were confirmed at the configured OAuth server and by <c>app.info</c>
/// on the portal itself; only these are ever written to the portal table.
/// </summary>
public sealed record ConfirmedInstall(
    string MemberId,
    string Domain,
    Uri ClientEndpoint,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset ExpiresAt,
    string? ApplicationToken,
    string Language,
    int? AppVersion,
    string? AppStatus,
    string? License,
    string? LicenseFamily);
