using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;

namespace WineB24.Placements.Settings.OneCExchange;

/// <summary>
/// Reads a portal's 1C exchange setup from the connector: the address 1C must call, the login, the recent
/// sessions of the journal and the last successful one. Everything is read for one member_id.
/// </summary>
public sealed class OneCExchangeReader(
    ExchangeCredentials credentials,
    ExchangeJournal journal,
    IOptionsMonitor<OneCExchangeOptions> options,
    IConfiguration configuration,
    TimeProvider time)
{
    /// <summary>Sessions shown on the page.</summary>
    public const int Shown = 20;

    /// <summary>
    /// Sessions searched for the last success. ExchangeJournal offers only "recent N"; a portal whose last
    /// <see cref="Scanned"/> sessions all failed is told so rather than searched further.
    /// </summary>
    public const int Scanned = 50;

    public async Task<OneCExchangeState> ReadAsync(string memberId, bool isAdmin, CancellationToken ct)
    {
        var login = await credentials.FindLoginAsync(memberId, ct);
        var recent = await journal.RecentAsync(memberId, Scanned, ct);
        var lastSuccess = recent.FirstOrDefault(IsSuccess);
        var lastSuccessAt = lastSuccess is null ? (DateTimeOffset?)null : At(lastSuccess.FinishedAt ?? lastSuccess.StartedAt);
        return new OneCExchangeState(
            ExchangeEndpoint.PublicAddress(configuration)?.ToString(),
            login is not null,
            isAdmin ? login : null,
            IsConfiguredOnServer(memberId),
            lastSuccessAt,
            lastSuccessAt is { } at ? (long)Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : null,
            recent.Count,
            recent.Take(Shown).Select(Entry).ToList());
    }

    /// <summary>Credentials from <c>OneC:Portals:{member_id}</c> win over generated ones and are changed there only.</summary>
    public bool IsConfiguredOnServer(string memberId) => options.CurrentValue.Portals.ContainsKey(memberId);

    // A session counts once a file went in without error ("success") or the session closed clean ("completed").
    private static bool IsSuccess(ExchangeJournalRecord r) => r.Status is ExchangeJournal.Succeeded or ExchangeJournal.Completed;

    private static OneCJournalEntry Entry(ExchangeJournalRecord r) => new(
        At(r.StartedAt),
        r.FinishedAt is { } f ? At(f) : null,
        r.FinishedAt is { } end ? Math.Max(0, (end - r.StartedAt) / 1000) : null,
        r.ExchangeType,
        r.Status,
        Lines(r.Files),
        r.Products, r.Offers, r.Prices, r.Stocks, r.Documents, r.Counterparties, r.Changes,
        Lines(r.Errors));

    private static DateTimeOffset At(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
