namespace WineB24.Bitrix24Client.Auth;

/// <summary>
/// One OAuth pair for a portal as the app holds it. <see cref="ClientEndpoint"/> is the portal's REST root
/// (<c>https://{domain}/rest/</c>); every method is called there.
/// </summary>
public sealed record PortalTokens(
    string MemberId,
    Uri ClientEndpoint,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset ExpiresAt);
