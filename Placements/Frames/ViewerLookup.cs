using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Placements.Frames;

/// <summary>
/// Asks the portal who opened the page and whether they are a portal admin (<c>user.current</c> and
/// <c>user.admin</c> in one batch), with the viewer's own token from the frame POST on the portal's stored address,
/// never the posted DOMAIN. The frame's AUTH_ID is the only proof of the viewer: the page's own claims are not.
/// </summary>
public static class ViewerLookup
{
    public static async Task<Viewer> FindAsync(IBitrix24ClientFactory clients, PortalIdentity portal, FramePost post, ILogger logger, CancellationToken ct)
    {
        if (post.AuthId is null) return Viewer.Unknown;
        try
        {
            var endpoint = new Uri($"{(post.Https ? "https" : "http")}://{portal.Domain}/rest/");
            var answers = await clients.ForUnverifiedToken(endpoint, post.AuthId)
                .BatchAsync([new BatchCommand("me", "user.current"), new BatchCommand("admin", "user.admin")], cancellationToken: ct);
            var id = answers.Results.TryGetValue("me", out var me) && me is JObject user ? user.Value<string?>("ID") ?? "" : "";
            // Anything but a clear yes (an error, an odd shape) leaves the viewer without admin rights.
            var admin = id.Length > 0 && answers.Results.TryGetValue("admin", out var flag) && IsYes(flag);
            return new Viewer(id, admin);
        }
        catch (Exception ex) when (ex is Bitrix24Exception or HttpRequestException or UriFormatException)
        {
            logger.LogWarning("Could not identify the viewer on member {MemberId}: {Error}", portal.MemberId, ex is Bitrix24Exception b ? b.Code : ex.GetType().Name);
            return Viewer.Unknown;
        }
    }

    private static bool IsYes(JToken flag) => flag.Type switch
    {
        JTokenType.Boolean => (bool)flag,
        JTokenType.Integer => (long)flag == 1,
        JTokenType.String => (string?)flag is "1" or "Y" or "true",
        _ => false,
    };
}
