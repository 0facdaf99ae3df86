using WineB24.OneCConnector.OData;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// УНФ 3.0: <c>РасчетыСПокупателями/Balance</c> by counterparty, contract and settlement document (debt and advance rows
/// net out). The register has no due dates, so the overdue part is per document: a shipment
/// (<see cref="ODataPreset.Shipments"/>) still owing whose date + the contract's <c>СрокОплатыПокупателя</c> is before
/// today is overdue with what it still owes — the rule of УНФ's own report «Задолженность покупателей по срокам долга».
/// No grounded credit-limit attribute in УНФ: none is read.
/// </summary>
internal static class SmallBusinessReceivables
{
    private static readonly string[] Dimensions = ["Контрагент_Key", "Договор_Key", "Документ"];

    public static async Task<IReadOnlyList<Receivable>> ReadAsync(ODataClient client, ODataPreset preset, DateOnly today, CancellationToken ct)
    {
        var rows = await client.GetBalanceAsync(ODataQuery.Balance(preset.ReceivablesRegister, dimensions: Dimensions)
            with { Select = [.. Dimensions, "Документ_Type", "СуммаBalance"] }, Dimensions, ct);
        var totals = new ReceivableTotals();
        var owing = new List<(string Counterparty, string Contract, string Document, decimal Amount)>();
        var shipmentType = "." + preset.Shipments;
        foreach (var row in rows)
        {
            var counterparty = Text(row, "Контрагент_Key");
            if (IsEmptyRef(counterparty)) continue;
            var amount = Number(row, "СуммаBalance");
            totals.AddDebt(counterparty, amount);
            if (amount > 0 && preset.Shipments is not null && Text(row, "Документ_Type").EndsWith(shipmentType, StringComparison.Ordinal))
            {
                owing.Add((counterparty, Text(row, "Договор_Key"), Text(row, "Документ"), amount));
            }
        }
        if (owing.Count > 0 && preset.PaymentTerm is not null)
        {
            var terms = await ContractTerms.ReadAsync(client, preset, ct);
            var dates = await ShipmentDates.ReadAsync(client, preset.Shipments!, owing.Where(o => terms.ContainsKey(o.Contract)).Select(o => o.Document), ct);
            foreach (var (counterparty, contract, document, amount) in owing)
            {
                if (!terms.TryGetValue(contract, out var days) || !dates.TryGetValue(document, out var shipped)) continue;
                var due = shipped.AddDays(days);
                if (due < today) totals.AddOverdue(counterparty, amount, due);
            }
        }
        return totals.ToReceivables(new Dictionary<string, decimal>());
    }
}
