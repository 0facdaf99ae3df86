using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.Placements.Frames;

namespace WineB24.Placements.Settings.OneCExchange;

/// <summary>
/// The 1C section's JSON API under the page session: read the state and the failed files (anyone who opened the
/// page), issue/rotate the exchange password, revoke access and replay a failed file (admins only, see
/// <see cref="AdminFilter"/>). Portal = the session's member_id.
/// </summary>
public static class OneCExchangeEndpoints
{
    public const string StatePath = "/api/placements/default/onec";
    public const string PasswordPath = StatePath + "/password";
    public const string RevokePath = StatePath + "/revoke";
    public const string FailedPath = StatePath + "/failed";
    public const string ReplayPath = FailedPath + "/{id}/replay";

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

    /// <summary>The portal's failed files (anyone who opened the page may read them, like the journal).</summary>
    public static async Task<IResult> FailedFilesAsync(HttpContext http, OneCExchangeReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        return Results.Json(await reader.FailedFilesAsync(session.MemberId, ct), SettingsEndpoints.Json);
    }

    /// <summary>
    /// Re-imports one kept failed file of the session's portal through the connector's importer (admins only).
    /// <c>force=true</c> replays a file that a newer one of the same kind superseded.
    /// </summary>
    public static async Task<IResult> ReplayAsync(HttpContext http, string id, bool? force, FailedFileReplay replay, ILoggerFactory loggers, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        var result = await replay.ReplayAsync(session.MemberId, id, force == true, ct);
        loggers.CreateLogger("WineB24.Placements.OneCExchange").LogInformation(
            "1C failed file {FailedFile} replay for member {MemberId} by user {UserId}: {Status}", id, session.MemberId, session.UserId, result.Status);
        var detail = result.Status == ReplayStatus.Superseded ? result.NewerFile : result.Outcome?.Failure;
        var answer = new OneCReplayAnswer(
            ToSnakeCase(result.Status),
            OneCExchangeTexts.ReplayOutcome(result.Status, detail).For(session.Language),
            result.Outcome?.Counts.Products, result.Outcome?.Counts.Offers, result.Outcome?.Counts.Documents, result.Outcome?.Changes,
            result.NewerFile, result.NewerAt);
        var status = result.Status switch
        {
            ReplayStatus.Imported or ReplayStatus.Failed => StatusCodes.Status200OK,
            ReplayStatus.NotFound => StatusCodes.Status404NotFound,
            ReplayStatus.NotKept => StatusCodes.Status410Gone,
            _ => StatusCodes.Status409Conflict,
        };
        return Results.Json(answer, SettingsEndpoints.Json, statusCode: status);
    }

    private static string ToSnakeCase(ReplayStatus status) => status switch
    {
        ReplayStatus.NotFound => "not_found",
        ReplayStatus.NotKept => "not_kept",
        ReplayStatus.AlreadyResolved => "already_resolved",
        ReplayStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    // Configured credentials win at login, so a generated pair would never be used: say where to change them.
    private static IResult? ConfiguredOnServer(OneCExchangeReader reader, FrameSession session) =>
        reader.IsConfiguredOnServer(session.MemberId)
            ? Results.Json(new { error = "configured_on_server", error_description = OneCExchangeTexts.ConfiguredOnServer.For(session.Language) },
                statusCode: StatusCodes.Status409Conflict)
            : null;
}
