using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Cloud;

/// <summary>
/// The OAuth server (oauth.bitrix.info): <c>oauth/token/</c> with grant_type=refresh_token by GET query or form POST,
/// rotating refresh tokens; and <c>rest/app.info</c>, the trusted source of the app's status.
/// </summary>
internal sealed class OAuthEndpoint(Bitrix24Cloud cloud)
{
    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var parameters = await RequestReader.ReadAsync(ctx.Request).ConfigureAwait(false);
        if (path.TrimEnd('/') == "/oauth/token")
        {
            await Token(ctx, parameters).ConfigureAwait(false);
            return;
        }
        if (path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            await Rest(ctx, path["/rest/".Length..], parameters).ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 404;
    }

    private async Task Token(HttpContext ctx, JsonObject p)
    {
        var grantType = Json.Text(p["grant_type"]);
        var clientId = Json.Text(p["client_id"]);
        var secret = Json.Text(p["client_secret"]);
        var refreshToken = Json.Text(p["refresh_token"]);
        if (grantType != "refresh_token" || string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(refreshToken))
        {
            await Fail(ctx, 400, "invalid_request", "Invalid request").ConfigureAwait(false);
            return;
        }
        if (clientId != cloud.ClientId || secret != cloud.ClientSecret)
        {
            await Fail(ctx, 401, "invalid_client", "Invalid client credentials").ConfigureAwait(false);
            return;
        }
        var grant = cloud.Tokens.FindRefresh(refreshToken);
        var now = cloud.Time.GetUtcNow();
        if (grant is null || grant.ExpiresAt <= now)
        {
            await Fail(ctx, 400, "invalid_grant", "Invalid refresh token").ConfigureAwait(false);
            return;
        }
        var portal = grant.Portal;
        if (portal.Deleted)
        {
            await Fail(ctx, 400, "invalid_grant", "Portal was deleted").ConfigureAwait(false);
            return;
        }
        if (portal.App.State == AppState.Uninstalled)
        {
            await Fail(ctx, 401, "invalid_client", "Application not installed").ConfigureAwait(false);
            return;
        }
        if (portal.PaymentRequired)
        {
            await Fail(ctx, 402, "PAYMENT_REQUIRED", "Payment required").ConfigureAwait(false);
            return;
        }
        if (!cloud.Tokens.TryConsume(grant))
        {
            await Fail(ctx, 400, "invalid_grant", "Refresh token has already been used or revoked").ConfigureAwait(false);
            return;
        }
        var issued = portal.IssueTokens(grant.UserId);
        cloud.CountRefresh();
        portal.CountRefresh();
        var body = new JsonObject
        {
            ["access_token"] = issued.AccessToken,
            ["refresh_token"] = issued.RefreshToken,
            ["expires"] = issued.ExpiresAt.ToUnixTimeSeconds(),
            ["expires_in"] = (long)portal.Options.AccessTokenLifetime.TotalSeconds,
            ["scope"] = cloud.Options.Scope,
            ["domain"] = cloud.OAuthDomain,
            ["server_endpoint"] = cloud.ServerEndpoint.ToString(),
            ["client_endpoint"] = portal.ClientEndpoint.ToString(),
            ["member_id"] = portal.MemberId,
            ["user_id"] = grant.UserId,
            ["status"] = portal.App.Status,
        };
        await ResponseWriter.WriteAsync(ctx, 200, body).ConfigureAwait(false);
    }

    private static Task Fail(HttpContext ctx, int status, string code, string text)
        => ResponseWriter.WriteAsync(ctx, status, new JsonObject { ["error"] = code, ["error_description"] = text });

    /// <summary>Only app.info lives on the OAuth server's REST root; it is answered by the token's portal.</summary>
    private async Task Rest(HttpContext ctx, string method, JsonObject p)
    {
        method = RestEndpoint.NormaliseMethod(method);
        if (method != "app.info")
        {
            await Fail(ctx, 404, "ERROR_METHOD_NOT_FOUND", "Method not found!").ConfigureAwait(false);
            return;
        }
        var token = Json.Text(p["auth"]);
        var grant = token is null ? null : cloud.Tokens.FindAccess(token);
        if (grant is null)
        {
            await Fail(ctx, 401, "invalid_token", "The access token provided is invalid.").ConfigureAwait(false);
            return;
        }
        await grant.Portal.Rest.ServeAsync(ctx, "app.info", p, webhookUser: null, webhookCode: null, countInLimits: false).ConfigureAwait(false);
    }
}
