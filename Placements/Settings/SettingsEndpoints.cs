using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using WineB24.Placements.Frames;
using WineB24.Placements.Settings.OneCExchange;
using WineB24.Placements.Settings.OneCSync;

namespace WineB24.Placements.Settings;

/// <summary>The settings page (frame POST at the Application URL) and its JSON state for the page script.</summary>
public static class SettingsEndpoints
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The page's content again, for the page script after a change (see <see cref="FramePage"/>'s refresh).</summary>
    public const string ContentPath = "/api/placements/default/page";

    public static async Task<IResult> PageAsync(FrameContext frame, SettingsStateReader reader, OneCExchangeReader oneC, OneCSyncReader sync,
        CancellationToken ct)
    {
        var body = await BodyAsync(frame.Portal.MemberId, frame.Viewer.IsAdmin, frame.Language, reader, oneC, sync, ct);
        if (body is null) return FramePage.Unauthorized(frame.Language);
        return FramePage.Render(frame.Language, SettingsTexts.Title.For(frame.Language), body, frame.Session, frame.Portal.Domain,
            refreshPath: ContentPath);
    }

    /// <summary>
    /// <c>GET /api/placements/default/page</c>: the same content the frame POST rendered, for the session's portal, with
    /// the session's admin flag and language (both fixed when Bitrix24 posted the frame). Needs no Bitrix24 token, so
    /// the page keeps working after the frame's AUTH_ID has expired, for as long as the session lives.
    /// </summary>
    public static async Task<IResult> ContentAsync(HttpContext http, SettingsStateReader reader, OneCExchangeReader oneC, OneCSyncReader sync,
        CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        var body = await BodyAsync(session.MemberId, session.IsAdmin, session.Language, reader, oneC, sync, ct);
        return body is null ? Results.NotFound() : FramePage.ContentResult(body);
    }

    private static async Task<string?> BodyAsync(string memberId, bool isAdmin, string lang, SettingsStateReader reader,
        OneCExchangeReader oneC, OneCSyncReader sync, CancellationToken ct)
    {
        var state = await reader.ReadAsync(memberId, ct);
        if (state is null) return null;
        var exchange = await oneC.ReadAsync(memberId, isAdmin, ct);
        var oneCSync = await sync.ReadAsync(memberId, lang, ct);
        return SettingsPage.Body(state, exchange, isAdmin, lang) + OneCSyncSection.Html(oneCSync, isAdmin, lang);
    }

    public static async Task<IResult> StateAsync(HttpContext http, SettingsStateReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        var state = await reader.ReadAsync(session.MemberId, ct);
        return state is null ? Results.NotFound() : Results.Json(state, Json);
    }
}
