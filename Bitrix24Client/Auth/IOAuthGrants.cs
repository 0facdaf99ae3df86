namespace WineB24.Bitrix24Client.Auth;

/// <summary>
/// The OAuth server as the authority on which portal a grant belongs to. <c>app.info</c> answers without naming the
/// portal, so a never-seen install is bound to its member_id and REST root only by redeeming its refresh token.
/// </summary>
public interface IOAuthGrants
{
    /// <summary>
    /// Redeems <paramref name="refreshToken"/> at <c>{OAuthServer}/oauth/token/</c>. The answer must name
    /// <paramref name="claimedMemberId"/>; its <c>client_endpoint</c> replaces the claimed one. The posted pair is spent
    /// afterwards: keep the returned pair. Throws <see cref="Errors.InvalidGrantException"/> for a refresh token the
    /// server does not know, and a <see cref="Errors.Bitrix24Exception"/> with code <c>MEMBER_ID_MISMATCH</c> or
    /// <c>MEMBER_ID_MISSING</c> when the server does not confirm the claimed portal.
    /// </summary>
    Task<PortalTokens> RedeemAsync(string claimedMemberId, Uri claimedEndpoint, string refreshToken, CancellationToken cancellationToken);
}
