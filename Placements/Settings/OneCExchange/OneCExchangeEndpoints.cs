using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.Placements.Frames;

namespace WineB24.Placements.Settings.OneCExchange;

/// <summary>
/// The 1C section's JSON API under the page session: read (anyone who opened the page), issue/rotate the exchange
/// password and revoke access (admins only, see <see cref="AdminFilter"/>). Portal = the session's member_id.
/// </summary>
public static class OneCExchangeEndpoints
{
    public const string StatePath = "/api/placements/default/onec";
    public const string PasswordPath = StatePath + "/password";
    public const string RevokePath = StatePath + "/revoke";

    public static async Task<IResult> StateAsync(HttpContext http, OneCExchangeReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        return Results.Json(await reader.ReadAsync(session.MemberId, session.IsAdmin, ct), SettingsEndpoints.Json);
    }

    /// <summary>Creates the login and password, or a new password for the same login; the answer is the only copy.</summary>
    public static async Task<IResult> IssuePasswordAsync(HttpContext http, OneCExchangeReader reader, ExchangeCredentials credentials,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        if (ConfiguredOnServer(reader, session) is { } refused) return refused;
        var issued = await credentials.IssueAsync(session.MemberId, ct);
        loggers.CreateLogger("WineB24.Placements.OneCExchange")
            .LogInformation("1C exchange password issued for member {MemberId} by user {UserId}", session.MemberId, session.UserId);
        return Results.Json(new OneCIssuedPassword(issued.Login, issued.Password), SettingsEndpoints.Json);
    }

    public static async Task<IResult> RevokeAsync(HttpContext http, OneCExchangeReader reader, ExchangeCredentials credentials,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        if (ConfiguredOnServer(reader, session) is { } refused) return refused;
        await credentials.RevokeAsync(session.MemberId, ct);
        loggers.CreateLogger("WineB24.Placements.OneCExchange")
            .LogInformation("1C exchange access revoked for member {MemberId} by user {UserId}", session.MemberId, session.UserId);
        return Results.Json(new { revoked = true });
    }

    // Configured credentials win at login, so a generated pair would never be used: say where to change them.
    private static IResult? ConfiguredOnServer(OneCExchangeReader reader, FrameSession session) =>
        reader.IsConfiguredOnServer(session.MemberId)
            ? Results.Json(new { error = "configured_on_server", error_description = OneCExchangeTexts.ConfiguredOnServer.For(session.Language) },
                statusCode: StatusCodes.Status409Conflict)
            : null;
}
