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

    public static async Task<IResult> PageAsync(FrameContext frame, SettingsStateReader reader, OneCExchangeReader oneC, OneCSyncReader sync,
        CancellationToken ct)
    {
        var state = await reader.ReadAsync(frame.Portal.MemberId, ct);
        if (state is null) return FramePage.Unauthorized(frame.Language);
        var exchange = await oneC.ReadAsync(frame.Portal.MemberId, frame.Viewer.IsAdmin, ct);
        var oneCSync = await sync.ReadAsync(frame.Portal.MemberId, frame.Language, ct);
        return FramePage.Render(frame.Language, SettingsTexts.Title.For(frame.Language),
            SettingsPage.Body(state, exchange, frame.Viewer.IsAdmin, frame.Language) + OneCSyncSection.Html(oneCSync, frame.Viewer.IsAdmin, frame.Language),
            frame.Session, frame.Portal.Domain);
    }

    public static async Task<IResult> StateAsync(HttpContext http, SettingsStateReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        var state = await reader.ReadAsync(session.MemberId, ct);
        return state is null ? Results.NotFound() : Results.Json(state, Json);
    }
}
