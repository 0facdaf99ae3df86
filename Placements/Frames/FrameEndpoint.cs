using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Placements.Settings;
using WineB24.Placements.Settings.OneCExchange;

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
        OneCExchangeReader oneC,
        Settings.OneCSync.OneCSyncReader oneCSync,
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
        var viewer = await ViewerLookup.FindAsync(clients, portal, post, logger, ct);
        var frame = new FrameContext(portal, post, viewer, post.Language, sessions.Issue(portal.MemberId, viewer.UserId, viewer.IsAdmin, post.Language));

        return code switch
        {
            "default" => await SettingsEndpoints.PageAsync(frame, settings, oneC, oneCSync, ct),
            _ => Results.NotFound(),
        };
    }
}
