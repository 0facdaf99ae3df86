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
    int SessionsScanned,
    IReadOnlyList<OneCJournalEntry> Journal);

/// <summary>One exchange session as the journal keeps it: what 1C sent, what was imported, how long, what failed.</summary>
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
    IReadOnlyList<string> Errors);

/// <summary>What a rotation answers: the login and the new password, shown once and kept nowhere in plain text.</summary>
public sealed record OneCIssuedPassword(string Login, string Password);
