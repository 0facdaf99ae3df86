using Microsoft.AspNetCore.Http;

namespace WineB24.Placements.Frames;

/// <summary>Guards the pages' JSON API: no valid session header, no data.</summary>
public sealed class SessionFilter(FrameSessions sessions) : IEndpointFilter
{
    private const string ItemKey = "WineB24.FrameSession";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var session = sessions.Read(http.Request.Headers[FrameSessions.Header].ToString());
        if (session is null)
        {
            return Results.Json(new { error = "session_invalid", error_description = "Missing, expired or forged session; reopen the page" },
                statusCode: StatusCodes.Status401Unauthorized);
        }
        http.Items[ItemKey] = session;
        // The pages are framed on the portal and read with fetch; nothing here may be cached between users.
        http.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    public static FrameSession Current(HttpContext http) =>
        http.Items[ItemKey] as FrameSession ?? throw new InvalidOperationException("SessionFilter did not run for this endpoint");
}
