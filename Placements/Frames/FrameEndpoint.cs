using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Placements.Settings;

namespace WineB24.Placements.Frames;

/// <summary>
/// <c>POST /placements/{code}</c>: verify the frame POST against the portal (member_id + APPLICATION_TOKEN), find
/// the viewer, issue the page session, render the page for <paramref name="code"/>.
/// </summary>
public static class FrameEndpoint
{
    public const long MaxRequestBytes = 128 * 1024;

    public static async Task<IResult> HandleAsync(
        string code,
        HttpRequest request,
        InboundCallVerifier verifier,
        IBitrix24ClientFactory clients,
        FrameSessions sessions,
        SettingsStateReader settings,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger("WineB24.Placements.Frames");
        var lang = PageLanguage.From(request.Query["LANG"].ToString());
        if (!Robots.Intake.BodyLimit.Apply(request.HttpContext, MaxRequestBytes))
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        FramePost post;
        try
        {
            post = await FramePost.ReadAsync(request, ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            logger.LogWarning("Unreadable frame POST {Placement}: {Error}", code, ex.Message);
            return FramePage.Unauthorized(lang);
        }
        var verification = await verifier.VerifyAsync(post.MemberId, post.ApplicationToken, ct);
        if (!verification.Accepted)
        {
            logger.LogWarning("Refused frame POST {Placement} for member {MemberId}: {Reason}", code, post.MemberId, verification.Refusal);
            return FramePage.Unauthorized(lang);
        }
        var portal = verification.Portal!;
        var userId = await ViewerAsync(clients, portal, post, logger, ct);
        var frame = new FrameContext(portal, post, userId, post.Language, sessions.Issue(portal.MemberId, userId, post.Language));

        return code switch
        {
            "default" => await SettingsEndpoints.PageAsync(frame, settings, ct),
            _ => Results.NotFound(),
        };
    }

    /// <summary>
    /// The viewing user, asked with the viewer's own token on the portal's stored address (never the posted
    /// DOMAIN). Only an id for the session; an empty id when the portal does not say.
    /// </summary>
    private static async Task<string> ViewerAsync(IBitrix24ClientFactory clients, PortalIdentity portal, FramePost post, ILogger logger, CancellationToken ct)
    {
        if (post.AuthId is null) return "";
        try
        {
            var endpoint = new Uri($"{(post.Https ? "https" : "http")}://{portal.Domain}/rest/");
            var me = await clients.ForUnverifiedToken(endpoint, post.AuthId).CallAsync("user.current", null, CallKind.Read, ct);
            return me.Result is JObject user ? user.Value<string?>("ID") ?? "" : "";
        }
        catch (Exception ex) when (ex is Bitrix24Exception or HttpRequestException or UriFormatException)
        {
            logger.LogWarning("Could not identify the viewer on member {MemberId}: {Error}", portal.MemberId, ex is Bitrix24Exception b ? b.Code : ex.GetType().Name);
            return "";
        }
    }
}
