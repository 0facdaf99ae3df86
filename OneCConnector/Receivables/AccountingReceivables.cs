using WineB24.OneCConnector.OData;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// БП 3.0: <c>Хозрасчетный/Balance</c> with the account in <c>Condition</c> — 62.01 (debt) by counterparty
/// (<c>ExtDimension1</c>) and contract (<c>ExtDimension2</c>), 62.02 (advances) by counterparty. The ledger has no due
/// dates, so the overdue part follows FIFO: payments settle a contract's oldest shipments first, so its debt lies on its
/// newest shipments (<see cref="ODataPreset.Shipments"/>, posted, within <see cref="ODataPreset.ShipmentHistoryDays"/>);
/// each shipment's share whose date + the contract's term (<c>СрокОплаты</c> when <c>УстановленСрокОплаты</c>) is before
/// today is overdue. Debt beyond the shipments read counts as shipped on the window's first day. No credit limit in БП.
/// </summary>
internal static class AccountingReceivables
{
    public static async Task<IReadOnlyList<Receivable>> ReadAsync(ODataClient client, ODataPreset preset, DateOnly today, CancellationToken ct)
    {
        var totals = new ReceivableTotals();
        var owing = new Dictionary<(string Counterparty, string Contract), decimal>();
        if (preset.DebtAccountCode is { Length: > 0 } debt)
        {
            string[] dims = ["Account_Key", "ExtDimension1", "ExtDimension2"];
            foreach (var row in await BalanceAsync(client, preset, debt, dims, ct))
            {
                if (Counterparty(row) is not { } counterparty) continue;
                var amount = Number(row, "СуммаBalance");
                totals.AddDebt(counterparty, amount);
                var contract = Text(row, "ExtDimension2");
                owing[(counterparty, contract)] = owing.GetValueOrDefault((counterparty, contract)) + amount;
            }
        }
        if (preset.AdvanceAccountCode is { Length: > 0 } advance)
        {
            foreach (var row in await BalanceAsync(client, preset, advance, ["Account_Key", "ExtDimension1"], ct))
            {
                if (Counterparty(row) is { } counterparty) totals.AddDebt(counterparty, Number(row, "СуммаBalance"));
            }
        }
        if (owing.Values.Any(v => v > 0) && preset.PaymentTerm is not null && preset.Shipments is not null && preset.ShipmentContract is not null)
        {
            await AddOverdueAsync(client, preset, today, owing, totals, ct);
        }
        return totals.ToReceivables(new Dictionary<string, decimal>());
    }

    private static async Task AddOverdueAsync(ODataClient client, ODataPreset preset, DateOnly today,
        Dictionary<(string Counterparty, string Contract), decimal> owing, ReceivableTotals totals, CancellationToken ct)
    {
        var terms = await ContractTerms.ReadAsync(client, preset, ct);
        if (terms.Count == 0) return;
        var since = today.AddDays(-preset.ShipmentHistoryDays);
        var shipments = new Dictionary<(string, string), List<(DateOnly Date, decimal Amount)>>();
        var query = ODataQuery.Set(preset.Shipments!) with
        {
            Filter = "Posted eq true and DeletionMark eq false and Date ge " + ODataLiteral.DateTime(since.ToDateTime(TimeOnly.MinValue)),
            Select = ["Ref_Key", "Date", "Контрагент_Key", preset.ShipmentContract!, "СуммаДокумента"],
        };
        await foreach (var doc in client.GetAllAsync(query, ct))
        {
            var key = (Text(doc, "Контрагент_Key").ToLowerInvariant(), Text(doc, preset.ShipmentContract!).ToLowerInvariant());
            if (Date(doc, "Date") is not { } date) continue;
            if (!shipments.TryGetValue(key, out var list)) shipments[key] = list = [];
            list.Add((date, Number(doc, "СуммаДокумента")));
        }
        foreach (var ((counterparty, contract), debt) in owing)
        {
            if (debt <= 0 || !terms.TryGetValue(contract, out var days)) continue;
            var left = debt;
            var newestFirst = shipments.GetValueOrDefault((counterparty.ToLowerInvariant(), contract.ToLowerInvariant()))?
                .OrderByDescending(s => s.Date) ?? Enumerable.Empty<(DateOnly Date, decimal Amount)>();
            foreach (var (date, amount) in newestFirst.Append((since, decimal.MaxValue)))
            {
                if (left <= 0) break;
                var part = Math.Min(left, amount);
                left -= part;
                var due = date.AddDays(days);
                if (due < today) totals.AddOverdue(counterparty, part, due);
            }
        }
    }

    private static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> BalanceAsync(ODataClient client, ODataPreset preset, string code,
        string[] dims, CancellationToken ct)
    {
        var accounts = await client.GetAsync(ODataQuery.Set(preset.ChartOfAccounts!)
            with { Filter = "Code eq " + ODataLiteral.Text(code), Select = ["Ref_Key", "Code"] }, ct);
        if (accounts.Count == 0)
        {
            throw new ODataException(ODataFailure.NotFound, new(
                $"В плане счетов {preset.ChartOfAccounts} нет счёта {code}", $"Chart of accounts {preset.ChartOfAccounts} has no account {code}"),
                preset.ChartOfAccounts!);
        }
        var condition = "Account_Key eq " + ODataLiteral.Guid(Text(accounts[0], "Ref_Key"));
        return await client.GetBalanceAsync(ODataQuery.Balance(preset.ReceivablesRegister, condition: condition, dimensions: dims)
            with { Select = [.. dims, "ExtDimension1_Type", "СуммаBalance"] }, dims, ct);
    }

    // Subconto 1 of 62.xx is the counterparty; skip anything else a custom setup put there.
    private static string? Counterparty(System.Text.Json.Nodes.JsonObject row)
    {
        if (row["ExtDimension1_Type"]?.GetValue<string>() is { } type && !type.EndsWith("Catalog_Контрагенты", StringComparison.Ordinal)) return null;
        var counterparty = Text(row, "ExtDimension1");
        return IsEmptyRef(counterparty) ? null : counterparty;
    }
}
