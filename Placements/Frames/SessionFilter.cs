using Microsoft.AspNetCore.Http;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements.Frames;

/// <summary>Guards the pages' JSON API: no valid session header, no data.</summary>
public sealed class SessionFilter(FrameSessions sessions) : IEndpointFilter
{
    private const string ItemKey = "WineB24.FrameSession";

    public static readonly LocalizedText Invalid = new(
        "Сеанс страницы истёк или недействителен: откройте приложение в Bitrix24 заново.",
        "The page session has expired or is invalid: open the application in Bitrix24 again.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var session = sessions.Read(http.Request.Headers[FrameSessions.Header].ToString());
        if (session is null)
        {
            // A page left open past the session shows this sentence; its language is the page's own, as the session is unreadable.
            var lang = PageLanguage.From(http.Request.Headers[FrameSessions.LanguageHeader].ToString());
            return Results.Json(new { error = "session_invalid", error_description = Invalid.For(lang) },
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
