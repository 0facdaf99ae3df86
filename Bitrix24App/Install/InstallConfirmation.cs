using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Install;

/// <summary>The confirmed install, or why the posted credentials were not believed.</summary>
public sealed record InstallConfirmationResult(ConfirmedInstall? Install, string? Refusal, AppInfo? AppInfo = null);

/// <summary>
/// Confirms posted install credentials before anything is trusted: the posted refresh token is exchanged at the
/// configured OAuth server, the server's member_id must equal the posted one, the REST endpoint is the server's
/// <c>client_endpoint</c> (never the posted SERVER_ENDPOINT or DOMAIN), and <c>app.info</c> must answer there.
/// </summary>
public sealed class InstallConfirmation(OAuthGrantExchange oauth, IBitrix24ClientFactory clients, ILogger<InstallConfirmation> logger)
{
    public async Task<InstallConfirmationResult> ConfirmAsync(string postedMemberId, string postedRefreshToken, string? postedApplicationToken, string language, CancellationToken cancellationToken)
    {
        OAuthGrant grant;
        try
        {
            grant = await oauth.ExchangeRefreshTokenAsync(postedRefreshToken, cancellationToken);
        }
        catch (OAuthGrantRefusedException e)
        {
            logger.LogWarning("Install for {MemberId} refused: OAuth server answered {Code}", postedMemberId, e.Code);
            return new(null, $"the OAuth server refused the refresh token ({e.Code})");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Install for {MemberId} not confirmed: OAuth server unreachable", postedMemberId);
            return new(null, "the OAuth server could not be reached");
        }

        if (!string.Equals(grant.MemberId, postedMemberId, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Install refused: posted member_id {Posted} but the grant belongs to {Actual}", postedMemberId, grant.MemberId);
            return new(null, "member_id does not match the grant");
        }

        AppInfo info;
        try
        {
            var response = await clients.ForUnverifiedToken(grant.ClientEndpoint, grant.AccessToken).CallAsync("app.info", null, CallKind.Read, cancellationToken);
            info = AppInfo.From(response.Result);
        }
        catch (Bitrix24Exception e)
        {
            logger.LogWarning("Install for {MemberId} not confirmed: {Method} answered {Code}", postedMemberId, e.Method, e.Code);
            return new(null, $"app.info failed ({e.Code})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Transport failures surface as the SDK's own exception types; none of them confirms anything.
            logger.LogWarning("Install for {MemberId} not confirmed: portal unreachable ({Error})", postedMemberId, e.GetType().Name);
            return new(null, "the portal could not be reached");
        }

        var install = new ConfirmedInstall(
            grant.MemberId,
            grant.ClientEndpoint.Authority,
            grant.ClientEndpoint,
            grant.AccessToken,
            grant.RefreshToken,
            grant.ExpiresAt,
            string.IsNullOrWhiteSpace(postedApplicationToken) ? null : postedApplicationToken,
            string.IsNullOrWhiteSpace(info.Language) ? language : InstallRequest.NormaliseLanguage(info.Language),
            info.Version,
            info.Status,
            info.License,
            info.LicenseFamily);
        return new(install, null, info);
    }
}
