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
/// sessions of the journal, the last successful one and the failed files. Everything is read for one member_id.
/// </summary>
public sealed class OneCExchangeReader(
    ExchangeCredentials credentials,
    ExchangeJournal journal,
    FailedFiles failedFiles,
    IOptionsMonitor<OneCExchangeOptions> options,
    IConfiguration configuration,
    TimeProvider time)
{
    /// <summary>Sessions shown on the page.</summary>
    public const int Shown = 20;

    /// <summary>Failed files shown on the page (newest first).</summary>
    public const int FailedShown = 20;

    public async Task<OneCExchangeState> ReadAsync(string memberId, bool isAdmin, CancellationToken ct)
    {
        var login = await credentials.FindLoginAsync(memberId, ct);
        var recent = await journal.RecentAsync(memberId, Shown, ct);
        var lastSuccess = await journal.LastSuccessAsync(memberId, ct);
        var failed = await FailedFilesAsync(memberId, ct);
        var lastSuccessAt = lastSuccess is null ? (DateTimeOffset?)null : At(lastSuccess.FinishedAt ?? lastSuccess.StartedAt);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var oldestWaiting = await journal.OldestAwaitingAsync(memberId, ct);
        return new OneCExchangeState(
            ExchangeEndpoint.PublicAddress(configuration)?.ToString(),
            login is not null,
            isAdmin ? login : null,
            IsConfiguredOnServer(memberId),
            lastSuccessAt,
            lastSuccessAt is { } at ? (long)Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : null,
            recent.Count > 0,
            recent.Select(r => Entry(r, now)).ToList(),
            failed,
            oldestWaiting?.AwaitingSince is { } since ? Seconds(now - since) : null);
    }

    public async Task<IReadOnlyList<OneCFailedFile>> FailedFilesAsync(string memberId, CancellationToken ct) =>
        (await failedFiles.ListAsync(memberId, FailedShown, ct)).Select(Failed).ToList();

    /// <summary>Credentials from <c>OneC:Portals:{member_id}</c> win over generated ones and are changed there only.</summary>
    public bool IsConfiguredOnServer(string memberId) => options.CurrentValue.Portals.ContainsKey(memberId);

    private static OneCFailedFile Failed(FailedFileRecord f) => new(
        f.Id, f.FileName, f.ExchangeType, At(f.FailedAt), f.Reason, f.Status, f.Attempts, f.Kept, f.Bytes,
        f.Kept && f.Status == FailedFiles.Failed);

    private static OneCJournalEntry Entry(ExchangeJournalRecord r, long now) => new(
        At(r.StartedAt),
        r.FinishedAt is { } f ? At(f) : null,
        r.FinishedAt is { } end ? Math.Max(0, (end - r.StartedAt) / 1000) : null,
        r.ExchangeType,
        r.Status,
        Lines(r.Files),
        r.Products, r.Offers, r.Prices, r.Stocks, r.Documents, r.Counterparties, r.Changes,
        Lines(r.Errors),
        r.ReplayOf is not null,
        Delivery(r, now));

    private static OneCBitrix24Delivery? Delivery(ExchangeJournalRecord r, long now) =>
        r.AwaitingBitrix24 != 0 && r.AwaitingSince is { } since ? new(Waiting: true, Seconds(now - since))
        : r.AppliedAt is { } applied && r.AwaitingSince is { } queued ? new(Waiting: false, Seconds(applied - queued))
        : null;

    private static long Seconds(long milliseconds) => Math.Max(0, milliseconds / 1000);

    private static DateTimeOffset At(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
