using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.OData;
using WineB24.Placements.Frames;

namespace WineB24.Placements.Settings.OneCSync;

/// <summary>
/// The 1C sync section's JSON API under the page session. Reading is for anyone who opened the page; every change is
/// behind <see cref="AdminFilter"/>. Portal = the session's member_id, never a value from the request.
/// </summary>
public static class OneCSyncEndpoints
{
    public const string StatePath = "/api/placements/default/onec-sync";
    public const string ConnectionPath = StatePath + "/odata";
    public const string CheckPath = StatePath + "/odata/check";
    public const string StagesPath = StatePath + "/stages";
    public const string DismissPath = StatePath + "/review/dismiss";
    public const string RetryPath = StatePath + "/review/retry";

    private const int MinMinutes = 5;
    private const int MaxMinutes = 1440;

    public static async Task<IResult> StateAsync(HttpContext http, OneCSyncReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        return Results.Json(await reader.ReadAsync(session.MemberId, session.Language, ct), SettingsEndpoints.Json);
    }

    /// <summary>Saves the connection and brings the portal's Quartz schedule in line at once.</summary>
    public static async Task<IResult> SaveConnectionAsync(HttpContext http, ODataConnectionInput input, OneCSyncReader reader,
        ODataConnections connections, ODataSchedules schedules, ILoggerFactory loggers, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        if (reader.IsConfiguredOnServer(session.MemberId)) return Refuse(session, "configured_on_server", OneCSyncTexts.ConfiguredOnServer, 409);
        var stored = await connections.GetAsync(session.MemberId, ct);
        if (Validate(input, stored, out var settings) is { } problem) return Refuse(session, "invalid", problem);
        await connections.SaveAsync(session.MemberId, settings, ct);
        await schedules.ApplyAsync(session.MemberId, ct);
        loggers.CreateLogger("WineB24.Placements.OneCSync")
            .LogInformation("1C OData connection saved for member {MemberId} by user {UserId}", session.MemberId, session.UserId);
        return Results.Json(new { saved = true, message = OneCSyncTexts.Saved.For(session.Language), connection = await reader.ConnectionAsync(session.MemberId, ct) },
            SettingsEndpoints.Json);
    }

    /// <summary>Checks what the form holds (an empty password = the stored one) or, with no URL, the saved connection.</summary>
    public static async Task<IResult> CheckAsync(HttpContext http, ODataConnectionInput? input, ODataConnections connections,
        ConnectionCheck check, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        var stored = await connections.GetAsync(session.MemberId, ct);
        ODataConnection connection;
        ODataPreset preset;
        if (input is null || string.IsNullOrWhiteSpace(input.Url))
        {
            if (stored is null) return Refuse(session, "not_connected", OneCSyncTexts.NotConnected);
            (connection, preset) = (stored.Connection, stored.Preset);
        }
        else
        {
            if (Validate(input with { ReceivablesEveryMinutes = 0, CounterpartiesEveryMinutes = 0, StockEveryMinutes = 0 }, stored, out var s) is { } problem)
            {
                return Refuse(session, "invalid", problem);
            }
            connection = new ODataConnection(new Uri(s.Url!), s.Login!, s.Password!);
            preset = stored?.Connection.BaseUri == connection.BaseUri && stored.Preset.Configuration == s.Configuration
                ? stored.Preset : ODataPreset.For(s.Configuration);
        }
        return Results.Json(await check.RunAsync(connection, preset, session.Language, ct), SettingsEndpoints.Json);
    }

    /// <summary>Replaces the stage map; every stage must be one of the portal's, read again now.</summary>
    public static async Task<IResult> SaveStagesAsync(HttpContext http, StageMapInput input, StageMap stageMap, IBitrix24ClientFactory portals,
        OneCSyncReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        Dictionary<string, DealStage> stages;
        try
        {
            stages = (await DealStages.ReadAllAsync(portals.ForPortal(session.MemberId), ct)).ToDictionary(s => s.StageId, StringComparer.Ordinal);
        }
        catch (Bitrix24Exception e)
        {
            // Without the portal's stages nothing can be checked, so nothing is saved.
            return Results.Json(new { error = "portal_unavailable", error_description = OneCSyncTexts.StagesUnavailable.For(session.Language) + ": " + e.Message },
                statusCode: StatusCodes.Status502BadGateway);
        }
        var byStatus = new List<KeyValuePair<string, StageTarget>>();
        foreach (var row in input.Statuses ?? [])
        {
            if (string.IsNullOrWhiteSpace(row.Status)) return Refuse(session, "invalid", OneCSyncTexts.EmptyStatus);
            if (row.StageId is null || !stages.TryGetValue(row.StageId, out var stage)) return UnknownStage(session, row.StageId);
            byStatus.Add(new(row.Status, new StageTarget(stage.CategoryId, stage.StageId)));
        }
        var send = new List<StageTarget>();
        foreach (var id in (input.SendStages ?? []).Distinct(StringComparer.Ordinal))
        {
            if (!stages.TryGetValue(id, out var stage)) return UnknownStage(session, id);
            send.Add(new StageTarget(stage.CategoryId, stage.StageId));
        }
        await stageMap.SetAsync(session.MemberId, byStatus, send, ct);
        return Results.Json(await reader.StagesAsync(session.MemberId, session.Language, ct), SettingsEndpoints.Json);
    }

    public static async Task<IResult> DismissAsync(HttpContext http, ReviewItemInput input, ReviewList review, OneCSyncReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        if (await FindAsync(review, session.MemberId, input, ct) is null) return Refuse(session, "not_found", OneCSyncTexts.NotInReview, 404);
        await review.ResolveAsync(session.MemberId, input.Subject!, [input.OneCId!], ct);
        return Results.Json(await reader.ReviewAsync(session.MemberId, ct), SettingsEndpoints.Json);
    }

    /// <summary>
    /// Runs a held-back counterparty through the sync again (after it was fixed in Bitrix24, e.g. a duplicate company
    /// merged). Orders are not retried here: 1C sends them again with its next exchange.
    /// </summary>
    public static async Task<IResult> RetryAsync(HttpContext http, ReviewItemInput input, ReviewList review, ICounterpartySink counterparties,
        OneCSyncReader reader, CancellationToken ct)
    {
        var session = SessionFilter.Current(http);
        var item = await FindAsync(review, session.MemberId, input, ct);
        if (item is null) return Refuse(session, "not_found", OneCSyncTexts.NotInReview, 404);
        if (item.Subject != ReviewList.CounterpartySubject) return Refuse(session, "not_supported", OneCSyncTexts.RetryNotSupported);
        var card = JsonSerializer.Deserialize<CounterpartyCard>(item.Payload, CounterpartyCards.Json)!;
        await counterparties.ApplyAsync(session.MemberId, [card], ct);
        var still = await FindAsync(review, session.MemberId, input, ct);
        var message = still is null ? OneCSyncTexts.Retried.For(session.Language) : OneCSyncTexts.StillInReview.For(session.Language) + still.Reason;
        return Results.Json(new { resolved = still is null, message, review = await reader.ReviewAsync(session.MemberId, ct) }, SettingsEndpoints.Json);
    }

    private static async Task<ReviewRecord?> FindAsync(ReviewList review, string memberId, ReviewItemInput input, CancellationToken ct) =>
        (await review.ListAsync(memberId, ct)).FirstOrDefault(r => r.Subject == input.Subject && r.OneCId == input.OneCId);

    private static LocalizedText? Validate(ODataConnectionInput input, PortalOData? stored, out ODataPortalSettings settings)
    {
        settings = new ODataPortalSettings();
        if (!Uri.TryCreate(input.Url?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return OneCSyncTexts.BadUrl;
        }
        if (string.IsNullOrWhiteSpace(input.Login)) return OneCSyncTexts.NoLogin;
        // Write-only password: empty keeps the stored one, but only for the same address and user it was given for.
        var password = string.IsNullOrEmpty(input.Password)
            ? stored is not null && stored.Connection.BaseUri == url && stored.Connection.Login == input.Login.Trim() ? stored.Connection.Password : null
            : input.Password;
        if (password is null) return OneCSyncTexts.NoPassword;
        if (!Enum.TryParse<OneCConfiguration>(input.Configuration, ignoreCase: false, out var configuration) || !Enum.IsDefined(configuration))
        {
            return OneCSyncTexts.BadConfiguration;
        }
        int[] minutes = [input.ReceivablesEveryMinutes, input.CounterpartiesEveryMinutes, input.StockEveryMinutes];
        if (minutes.Any(m => m != 0 && (m < MinMinutes || m > MaxMinutes))) return OneCSyncTexts.BadInterval;
        settings = new ODataPortalSettings
        {
            Url = url.AbsoluteUri, Login = input.Login.Trim(), Password = password, Configuration = configuration,
            ReceivablesEveryMinutes = input.ReceivablesEveryMinutes, CounterpartiesEveryMinutes = input.CounterpartiesEveryMinutes,
            StockEveryMinutes = input.StockEveryMinutes,
        };
        return null;
    }

    private static IResult UnknownStage(FrameSession session, string? id) =>
        Results.Json(new { error = "unknown_stage", error_description = OneCSyncTexts.UnknownStage.For(session.Language) + id },
            statusCode: StatusCodes.Status400BadRequest);

    private static IResult Refuse(FrameSession session, string code, LocalizedText text, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error = code, error_description = text.For(session.Language) }, statusCode: status);
}
