using Microsoft.Extensions.Options;
using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Methods;
using WineB24.Bitrix24Client.Setup;

namespace WineB24.Bitrix24App.Install;

/// <summary>The confirmed install, or why the posted credentials were not believed.</summary>
public sealed record InstallConfirmationResult(ConfirmedInstall? Install, string? Refusal);

/// <summary>
/// Confirms posted install credentials before anything is trusted, with the SDK's unverified-token client:
/// <list type="number">
/// <item><c>app.info</c> at the configured OAuth server's REST root (<c>Bitrix24:OAuthServer</c> + <c>rest/</c>, never
/// the posted SERVER_ENDPOINT) must accept the access token: Bitrix24 issued it to this app. Its answer is the
/// trusted plan (LICENSE) and status.</item>
/// <item>A never-seen member_id is bound by the OAuth server, not by the post: its refresh token is redeemed at
/// <c>{OAuthServer}/oauth/token/</c>, whose answer must name that member_id and gives the portal's REST root
/// (<c>client_endpoint</c>). app.info names no portal, so without this a grant from the attacker's own portal could
/// claim an unused member_id and lock the real portal out later. The posted pair is spent; the redeemed one is kept.</item>
/// <item><c>app.info</c> at the portal must accept the token. For a portal the app already knows that is the
/// STORED endpoint — a post never moves a known portal elsewhere, and a token of another portal is refused there.</item>
/// </list>
/// </summary>
public sealed class InstallConfirmation(
    IBitrix24ClientFactory clients,
    IOptions<Bitrix24ClientOptions> sdk,
    IOAuthGrants grants,
    PortalRegistry portals,
    ILogger<InstallConfirmation> logger)
{
    public async Task<InstallConfirmationResult> ConfirmAsync(PostedGrant posted, CancellationToken cancellationToken)
    {
        var known = await portals.FindRecordAsync(posted.MemberId, cancellationToken);
        var endpoint = known is not null ? PostedGrant.Endpoint(known.ClientEndpoint) : posted.PostedEndpoint;
        if (endpoint is null)
        {
            logger.LogWarning("Install for {MemberId} refused: no usable portal address", posted.MemberId);
            return new(null, "the portal address is missing or invalid");
        }

        var oauthRest = new Uri(new Uri(sdk.Value.OAuthServer.ToString().TrimEnd('/') + "/"), "rest/");
        var (trusted, oauthRefusal) = await AppInfoAsync(oauthRest, posted, "OAuth server", cancellationToken);
        if (trusted is null)
        {
            return new(null, oauthRefusal);
        }
        if (known is null)
        {
            var (redeemed, grantRefusal) = await RedeemAsync(posted, endpoint, cancellationToken);
            if (redeemed is null)
            {
                return new(null, grantRefusal);
            }
            if (!string.Equals(redeemed.ClientEndpoint.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Install for {MemberId}: the post named {Posted}, the OAuth server says {Actual}; the OAuth server wins",
                    posted.MemberId, endpoint.Authority, redeemed.ClientEndpoint.Authority);
            }
            endpoint = redeemed.ClientEndpoint;
            posted = posted with { AccessToken = redeemed.AccessToken, RefreshToken = redeemed.RefreshToken, ExpiresAt = redeemed.ExpiresAt };
        }
        var (atPortal, portalRefusal) = await AppInfoAsync(endpoint, posted, "portal", cancellationToken);
        if (atPortal is null)
        {
            return new(null, portalRefusal);
        }

        var language = string.IsNullOrWhiteSpace(trusted.LanguageId) ? posted.Language : InstallRequest.NormaliseLanguage(trusted.LanguageId);
        return new(new ConfirmedInstall(
            posted.MemberId,
            endpoint.Authority,
            endpoint,
            posted.AccessToken,
            posted.RefreshToken,
            posted.ExpiresAt,
            string.IsNullOrWhiteSpace(posted.ApplicationToken) ? null : posted.ApplicationToken,
            language,
            trusted.Version,
            trusted.Status,
            trusted.License,
            trusted.LicenseFamily), null);
    }

    private async Task<(PortalTokens? Tokens, string? Refusal)> RedeemAsync(PostedGrant posted, Uri endpoint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(posted.RefreshToken))
        {
            logger.LogWarning("Install for {MemberId} refused: a first install must carry a refresh token", posted.MemberId);
            return (null, "a first install must carry a refresh token");
        }
        try
        {
            return (await grants.RedeemAsync(posted.MemberId, endpoint, posted.RefreshToken, cancellationToken), null);
        }
        catch (Bitrix24Exception e)
        {
            logger.LogWarning("Install for {MemberId} not confirmed: the OAuth server answered {Code} for the posted grant", posted.MemberId, e.Code);
            return (null, $"the OAuth server did not confirm the portal ({e.Code})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Install for {MemberId} not confirmed: the OAuth server could not be reached ({Error})", posted.MemberId, e.GetType().Name);
            return (null, "the OAuth server could not be reached");
        }
    }

    private async Task<(AppInfo? Info, string? Refusal)> AppInfoAsync(Uri endpoint, PostedGrant posted, string where, CancellationToken cancellationToken)
    {
        try
        {
            return (await clients.ForUnverifiedToken(endpoint, posted.AccessToken).App.InfoAsync(cancellationToken), null);
        }
        catch (Bitrix24Exception e)
        {
            logger.LogWarning("Install for {MemberId} not confirmed: app.info at the {Where} answered {Code}", posted.MemberId, where, e.Code);
            return (null, $"app.info at the {where} failed ({e.Code})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Transport failures surface as the SDK's own exception types; none of them confirms anything.
            logger.LogWarning("Install for {MemberId} not confirmed: the {Where} could not be reached ({Error})", posted.MemberId, where, e.GetType().Name);
            return (null, $"the {where} could not be reached");
        }
    }
}
