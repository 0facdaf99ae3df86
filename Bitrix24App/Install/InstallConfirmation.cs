using Microsoft.Extensions.Options;
using WineB24.Bitrix24App.Portals;
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
/// <item><c>app.info</c> at the portal must accept the same token. For a portal the app already knows that is the
/// STORED endpoint — a post never moves a known portal elsewhere, and a token of another portal is refused there.
/// Only a never-seen member_id is checked at the endpoint the post names.</item>
/// </list>
/// </summary>
public sealed class InstallConfirmation(
    IBitrix24ClientFactory clients,
    IOptions<Bitrix24ClientOptions> sdk,
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
