namespace WineB24.Placements.Settings.OneCExchange;

/// <summary>
/// The 1C section of the settings page; also the JSON its script reads. <see cref="Login"/> is given to admins only;
/// a password never appears here (only the answer to a rotation carries it, once).
/// </summary>
public sealed record OneCExchangeState(
    string? ExchangeUrl,
    bool HasCredentials,
    string? Login,
    bool ConfiguredOnServer,
    DateTimeOffset? LastSuccessAt,
    long? LagSeconds,
    bool AnySession,
    IReadOnlyList<OneCJournalEntry> Journal,
    IReadOnlyList<OneCFailedFile> FailedFiles,
    long? Bitrix24BehindSeconds = null);

/// <summary>
/// A file that failed to import, with its reason. <see cref="Replayable"/> when its copy is kept and it is not being
/// replayed or resolved; <see cref="Kept"/> false means retention dropped the copy (1C must send it again).
/// </summary>
public sealed record OneCFailedFile(
    string Id,
    string FileName,
    string ExchangeType,
    DateTimeOffset FailedAt,
    string Reason,
    string Status,
    int Attempts,
    bool Kept,
    long Bytes,
    bool Replayable);

/// <summary>The answer to a replay request: what happened, the importer's outcome, or the newer file that superseded it.</summary>
public sealed record OneCReplayAnswer(
    string Status,
    string Message,
    int? Products = null,
    int? Offers = null,
    int? Documents = null,
    int? Changes = null,
    string? NewerFile = null,
    DateTimeOffset? NewerAt = null);

/// <summary>One exchange session as the journal keeps it: what 1C sent, what was imported, how long, what failed; or an admin's replay of a failed file.</summary>
public sealed record OneCJournalEntry(
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationSeconds,
    string ExchangeType,
    string Status,
    IReadOnlyList<string> Files,
    int Products,
    int Offers,
    int Prices,
    int Stocks,
    int Documents,
    int Counterparties,
    int Changes,
    IReadOnlyList<string> Errors,
    bool Replay,
    OneCBitrix24Delivery? Bitrix24 = null);

/// <summary>
/// How the session's data went on into Bitrix24 after 1C got its answer: still waiting (for how long), or written
/// (how long after 1C handed it over). Absent when the session queued nothing for Bitrix24.
/// </summary>
public sealed record OneCBitrix24Delivery(bool Waiting, long Seconds);

/// <summary>What a rotation answers: the login and the new password, shown once and kept nowhere in plain text.</summary>
public sealed record OneCIssuedPassword(string Login, string Password);
