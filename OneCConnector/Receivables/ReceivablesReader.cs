using WineB24.OneCConnector.OData;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// Reads receivables per counterparty from the register the configuration keeps them in (current balance, no Period;
/// virtual tables paged by <see cref="ODataClient.GetBalanceAsync"/>):
/// <list type="bullet">
/// <item>УТ 11 / КА 2 / ERP: <c>РасчетыСКлиентамиПоСрокам/Balance</c> grouped by partner analytics key and due date;
/// keys resolved to counterparties through <c>Catalog_КлючиАналитикиУчетаПоПартнерам</c> (sheet §3.7); overdue = debt
/// whose <c>ДатаПлановогоПогашения</c> is before today; limits from contracts with <c>ОграничиватьСуммуЗадолженности</c>.</item>
/// <item>УНФ: <see cref="SmallBusinessReceivables"/> (per settlement document and contract term).</item>
/// <item>БП 3.0: <see cref="AccountingReceivables"/> (62.01/62.02, FIFO over shipments).</item>
/// </list>
/// </summary>
public static class ReceivablesReader
{
    public static async Task<IReadOnlyList<Receivable>> ReadAsync(ODataClient client, ODataPreset preset, DateOnly today, CancellationToken ct) =>
        preset.Model switch
        {
            ReceivablesModel.ByDueDates => await ByDueDatesAsync(client, preset, today, ct),
            ReceivablesModel.ByCounterparty => await SmallBusinessReceivables.ReadAsync(client, preset, today, ct),
            _ => await AccountingReceivables.ReadAsync(client, preset, today, ct),
        };

    private static async Task<IReadOnlyList<Receivable>> ByDueDatesAsync(ODataClient client, ODataPreset preset, DateOnly today, CancellationToken ct)
    {
        const string key = "АналитикаУчетаПоПартнерам_Key";
        const string due = "ДатаПлановогоПогашения";
        var rows = await client.GetBalanceAsync(ODataQuery.Balance(preset.ReceivablesRegister, dimensions: [key, due])
            with { Select = [key, due, "ДолгBalance", "ПредоплатаBalance"] }, [key, due], ct);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var k in client.GetAllAsync(ODataQuery.Set(preset.AnalyticsKeys!) with { Select = ["Ref_Key", "Контрагент_Key"] }, ct))
        {
            owners[Text(k, "Ref_Key")] = Text(k, "Контрагент_Key");
        }
        var totals = new ReceivableTotals();
        foreach (var row in rows)
        {
            if (!owners.TryGetValue(Text(row, key), out var counterparty) || IsEmptyRef(counterparty)) continue;
            var debt = Number(row, "ДолгBalance");
            totals.AddDebt(counterparty, debt - Number(row, "ПредоплатаBalance"));
            if (debt > 0 && Date(row, due) is { } d && d < today) totals.AddOverdue(counterparty, debt, d);
        }
        return totals.ToReceivables(await CreditLimitsAsync(client, preset, ct));
    }

    /// <summary>Sum of the allowed debt of live contracts that limit it, per counterparty (УТ 11 contract attributes, [U] for КА/ERP).</summary>
    private static async Task<Dictionary<string, decimal>> CreditLimitsAsync(ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        var limits = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var query = ODataQuery.Set(preset.Contracts) with
        {
            Filter = "DeletionMark eq false and ОграничиватьСуммуЗадолженности eq true",
            Select = ["Ref_Key", preset.ContractCounterparty, "ДопустимаяСуммаЗадолженности"],
        };
        await foreach (var contract in client.GetAllAsync(query, ct))
        {
            var counterparty = Text(contract, preset.ContractCounterparty);
            limits[counterparty] = limits.GetValueOrDefault(counterparty) + Number(contract, "ДопустимаяСуммаЗадолженности");
        }
        return limits;
    }
}
