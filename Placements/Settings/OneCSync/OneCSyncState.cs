using WineB24.OneCConnector.Deals;

namespace WineB24.Placements.Settings.OneCSync;

/// <summary>What the 1C sync section shows: the OData connection (never its password), the stage map and the review list.</summary>
public sealed record OneCSyncState(ODataConnectionState Connection, StageMapState Stages, IReadOnlyList<ReviewItem> Review);

/// <summary>
/// The OData connection as the page may show it. <see cref="HasPassword"/> only says one is stored; the password
/// itself never leaves the server. <see cref="ConfiguredOnServer"/>: <c>OneC:OData:Portals:{member_id}</c> wins, the page is read-only.
/// </summary>
public sealed record ODataConnectionState(string? Url, string? Login, bool HasPassword, string Configuration,
    int ReceivablesEveryMinutes, int CounterpartiesEveryMinutes, int StockEveryMinutes, bool ConfiguredOnServer);

/// <summary>One 1C status (normalised key, as the connector matches it) → deal stage.</summary>
public sealed record StageRow(string Status, long CategoryId, string StageId);

/// <summary>
/// The map and the stages it may point at. <see cref="Error"/> is set (and <see cref="Stages"/> empty) when the portal
/// could not be asked — the rest of the page still works.
/// </summary>
public sealed record StageMapState(IReadOnlyList<StageRow> Rows, IReadOnlyList<string> SendStages, IReadOnlyList<DealStage> Stages, string? Error);

/// <summary>One held-back item: why, which 1C object, when first and last seen.</summary>
public sealed record ReviewItem(string Subject, string OneCId, string? Name, string ReasonCode, string Reason, DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt, bool CanRetry);

/// <summary>What the admin submits for the OData connection; an empty password keeps the stored one.</summary>
public sealed record ODataConnectionInput(string? Url, string? Login, string? Password, string? Configuration,
    int ReceivablesEveryMinutes, int CounterpartiesEveryMinutes, int StockEveryMinutes);

/// <summary>The result of "check connection": a sentence in the viewer's language.</summary>
public sealed record ConnectionCheckResult(bool Ok, string Message);

/// <summary>What the admin submits for the stage map: 1C status text → stage id, and the "send to 1C" stage ids.</summary>
public sealed record StageMapInput(IReadOnlyList<StageMapInputRow>? Statuses, IReadOnlyList<string>? SendStages);

public sealed record StageMapInputRow(string? Status, string? StageId);

/// <summary>Which review item a dismiss or retry is about.</summary>
public sealed record ReviewItemInput(string? Subject, string? OneCId);
