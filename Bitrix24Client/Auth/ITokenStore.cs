namespace WineB24.Bitrix24Client.Auth;

/// <summary>
/// Where the SDK reads and persists a portal's tokens. The app implements it (encrypted at rest).
/// </summary>
public interface ITokenStore
{
    /// <summary>The current pair, or null when the portal is unknown or uninstalled.</summary>
    Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>
    /// Persists <paramref name="refreshed"/> only if the stored refresh token is still
    /// <paramref name="previousRefreshToken"/> (compare-and-swap), so an older pair can never overwrite a newer
    /// one written by another worker or instance. Returns the pair that is current after the call.
    /// </summary>
    Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken);

    /// <summary>Marks the portal as needing an admin's attention (revoked grant, portal deleted, payment required).</summary>
    Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken);
}
