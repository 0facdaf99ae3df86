using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Receivables;

namespace WineB24.OneCConnector.OData;

/// <summary>What a scheduled OData run reads.</summary>
public enum ODataSyncKind
{
    Receivables,
    Counterparties,
    Stock,
}

/// <summary>
/// One scheduled pull for one portal, journaled in the exchange journal (type <c>odata-receivables</c> /
/// <c>odata-counterparties</c>): counts, changes and a readable error. A 401 blocks further runs with the same
/// credentials for <c>AuthRetryInterval</c>, so a wrong password costs one request per interval, not one per run.
/// </summary>
public sealed class ODataSyncRunner(
    ODataConnections connections, ODataClientFactory clients, ExchangeJournal journal, ReceivablesSync receivables,
    ICounterpartySink counterparties, StockPull stock, IBitrix24ClientFactory portals, ILogger<ODataSyncRunner> logger)
{
    private const int CounterpartyChunk = 200;

    public async Task RunAsync(string memberId, ODataSyncKind kind, CancellationToken ct)
    {
        var portal = await connections.GetAsync(memberId, ct);
        if (portal is null)
        {
            logger.LogInformation("OData {Kind} for {MemberId}: no connection configured, nothing to do", kind, memberId);
            return;
        }
        var journalId = await journal.StartAsync(memberId, "odata", "odata-" + kind.ToString().ToLowerInvariant(), ct);
        var resource = kind switch
        {
            ODataSyncKind.Receivables => portal.Preset.ReceivablesRegister,
            ODataSyncKind.Stock => portal.Preset.StockRegister ?? portal.Preset.Configuration.ToString(),
            _ => portal.Preset.Counterparties,
        };
        if (kind == ODataSyncKind.Stock && await stock.UsesCommerceMLAsync(memberId, ct))
        {
            await journal.RecordFileAsync(journalId,
                resource + ": пропущено, остатки приходят по CommerceML / skipped, stock comes through CommerceML", ImportCounts.Empty, 0, null, ct);
            await journal.CompleteAsync(journalId, ct);
            return;
        }
        if (await connections.IsAuthBlockedAsync(portal, ct))
        {
            await journal.RecordErrorAsync(journalId, resource,
                "Пропущено: 1С отклонила логин/пароль OData, проверьте их в настройках / Skipped: 1C refused the OData login/password, check them in the settings", ct);
            await journal.CompleteAsync(journalId, ct);
            return;
        }
        var client = clients.Create(portal.Connection);
        try
        {
            if (kind == ODataSyncKind.Receivables)
            {
                var result = await receivables.RunAsync(memberId, client, portal.Preset, portals.ForPortal(memberId), ct);
                var error = result.Errors.Count == 0 ? null
                    : $"Не записано компаний / companies not written: {result.Errors.Count}: " + string.Join("; ", result.Errors.Take(5));
                await journal.RecordFileAsync(journalId,
                    $"{resource} (прочитано {result.Read}, изменилось {result.Changed}, записано {result.Written}, без компании {result.Unlinked})",
                    ImportCounts.Empty with { Counterparties = result.Read }, result.Written, error, ct);
            }
            else if (kind == ODataSyncKind.Stock)
            {
                var outcome = await stock.RunAsync(memberId, client, portal.Preset, ct);
                await journal.RecordFileAsync(journalId, resource, ImportCounts.Empty with { Offers = outcome.Offers }, outcome.Changes, null, ct);
            }
            else
            {
                var read = await ReadCounterpartiesAsync(memberId, client, portal.Preset, ct);
                await journal.RecordFileAsync(journalId, resource, ImportCounts.Empty with { Counterparties = read }, 0, null, ct);
            }
            await connections.SetAuthFailedAsync(portal, false, ct);
        }
        catch (ODataException e)
        {
            logger.LogWarning(e, "OData {Kind} for {MemberId} failed: {Failure}", kind, memberId, e.Failure);
            await journal.RecordErrorAsync(journalId, e.Resource, e.Text.Ru + " / " + e.Text.En, ct);
            if (e.Failure == ODataFailure.Unauthorized)
            {
                await connections.SetAuthFailedAsync(portal, true, ct);
            }
        }
        await journal.CompleteAsync(journalId, ct);
    }

    private async Task<int> ReadCounterpartiesAsync(string memberId, ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        var read = 0;
        var chunk = new List<CounterpartyCard>(CounterpartyChunk);
        await foreach (var card in CounterpartyReader.ReadAsync(client, preset, ct))
        {
            chunk.Add(card);
            read++;
            if (chunk.Count == CounterpartyChunk)
            {
                await counterparties.ApplyAsync(memberId, chunk.ToList(), ct);
                chunk.Clear();
            }
        }
        if (chunk.Count > 0) await counterparties.ApplyAsync(memberId, chunk, ct);
        return read;
    }
}
