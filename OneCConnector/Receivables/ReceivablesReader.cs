using WineB24.OneCConnector.OData;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// Reads receivables per counterparty from the register the configuration keeps them in (current balance, no Period):
/// <list type="bullet">
/// <item>УТ 11 / КА 2 / ERP: <c>РасчетыСКлиентамиПоСрокам/Balance</c> grouped by partner analytics key and due date;
/// keys resolved to counterparties through <c>Catalog_КлючиАналитикиУчетаПоПартнерам</c> (sheet §3.7); overdue = debt
/// whose <c>ДатаПлановогоПогашения</c> is before today; limits from contracts with <c>ОграничиватьСуммуЗадолженности</c>.</item>
/// <item>УНФ: <c>РасчетыСПокупателями/Balance</c> grouped by counterparty (debt and advance rows net out); the register has
/// no due dates, so overdue is not known.</item>
/// <item>БП 3.0: <c>Хозрасчетный/Balance</c> with the account in <c>Condition</c>, 62.01 (debt) and 62.02 (advances),
/// counterparty = <c>ExtDimension1</c>; no due dates either.</item>
/// </list>
/// </summary>
public static class ReceivablesReader
{
    public static async Task<IReadOnlyList<Receivable>> ReadAsync(ODataClient client, ODataPreset preset, DateOnly today, CancellationToken ct) =>
        preset.Model switch
        {
            ReceivablesModel.ByDueDates => await ByDueDatesAsync(client, preset, today, ct),
            ReceivablesModel.ByCounterparty => await ByCounterpartyAsync(client, preset, ct),
            _ => await Account62Async(client, preset, ct),
        };

    private static async Task<IReadOnlyList<Receivable>> ByDueDatesAsync(ODataClient client, ODataPreset preset, DateOnly today, CancellationToken ct)
    {
        const string key = "АналитикаУчетаПоПартнерам_Key";
        const string due = "ДатаПлановогоПогашения";
        var rows = await client.GetAsync(ODataQuery.Balance(preset.ReceivablesRegister, dimensions: [key, due])
            with { Select = [key, due, "ДолгBalance", "ПредоплатаBalance"] }, ct);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var k in client.GetAllAsync(ODataQuery.Set(preset.AnalyticsKeys!) with { Select = ["Ref_Key", "Контрагент_Key"] }, ct))
        {
            owners[Text(k, "Ref_Key")] = Text(k, "Контрагент_Key");
        }
        var totals = new Dictionary<string, (decimal Debt, decimal Overdue, DateOnly? Since)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (!owners.TryGetValue(Text(row, key), out var counterparty) || IsEmptyRef(counterparty)) continue;
            var debt = Number(row, "ДолгBalance");
            var prepaid = Number(row, "ПредоплатаBalance");
            var dueDate = Date(row, due);
            var t = totals.GetValueOrDefault(counterparty);
            t.Debt += debt - prepaid;
            if (debt > 0 && dueDate is { } d && d < today)
            {
                t.Overdue += debt;
                t.Since = t.Since is { } s && s <= d ? s : d;
            }
            totals[counterparty] = t;
        }
        var limits = await CreditLimitsAsync(client, preset, ct);
        return Merge(totals, limits);
    }

    private static async Task<IReadOnlyList<Receivable>> ByCounterpartyAsync(ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        const string key = "Контрагент_Key";
        var rows = await client.GetAsync(ODataQuery.Balance(preset.ReceivablesRegister, dimensions: [key])
            with { Select = [key, "СуммаBalance"] }, ct);
        var totals = new Dictionary<string, (decimal Debt, decimal Overdue, DateOnly? Since)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var counterparty = Text(row, key);
            if (IsEmptyRef(counterparty)) continue;
            var t = totals.GetValueOrDefault(counterparty);
            t.Debt += Number(row, "СуммаBalance");
            totals[counterparty] = t;
        }
        return Merge(totals, new Dictionary<string, decimal>());
    }

    private static async Task<IReadOnlyList<Receivable>> Account62Async(ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        var totals = new Dictionary<string, (decimal Debt, decimal Overdue, DateOnly? Since)>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in new[] { preset.DebtAccountCode, preset.AdvanceAccountCode })
        {
            if (string.IsNullOrEmpty(code)) continue;
            var accounts = await client.GetAsync(ODataQuery.Set(preset.ChartOfAccounts!)
                with { Filter = "Code eq " + ODataLiteral.Text(code), Select = ["Ref_Key", "Code"] }, ct);
            if (accounts.Count == 0)
            {
                throw new ODataException(ODataFailure.NotFound, new(
                    $"В плане счетов {preset.ChartOfAccounts} нет счёта {code}", $"Chart of accounts {preset.ChartOfAccounts} has no account {code}"),
                    preset.ChartOfAccounts!);
            }
            var condition = "Account_Key eq " + ODataLiteral.Guid(Text(accounts[0], "Ref_Key"));
            var rows = await client.GetAsync(ODataQuery.Balance(preset.ReceivablesRegister, condition: condition,
                dimensions: ["Account_Key", "ExtDimension1"]) with { Select = ["ExtDimension1", "ExtDimension1_Type", "СуммаBalance"] }, ct);
            foreach (var row in rows)
            {
                // Subconto 1 of 62.xx is the counterparty; skip anything else a custom setup put there.
                if (row["ExtDimension1_Type"]?.GetValue<string>() is { } type && !type.EndsWith("Catalog_Контрагенты", StringComparison.Ordinal)) continue;
                var counterparty = Text(row, "ExtDimension1");
                if (IsEmptyRef(counterparty)) continue;
                var t = totals.GetValueOrDefault(counterparty);
                t.Debt += Number(row, "СуммаBalance");
                totals[counterparty] = t;
            }
        }
        return Merge(totals, new Dictionary<string, decimal>());
    }

    /// <summary>Sum of the allowed debt of live contracts that limit it, per counterparty (УТ 11 contract attributes, [U] for КА/ERP).</summary>
    private static async Task<Dictionary<string, decimal>> CreditLimitsAsync(ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        var limits = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var query = ODataQuery.Set(preset.Contracts) with
        {
            Filter = "DeletionMark eq false and ОграничиватьСуммуЗадолженности eq true",
            Select = ["Ref_Key", "Контрагент_Key", "ДопустимаяСуммаЗадолженности"],
        };
        await foreach (var contract in client.GetAllAsync(query, ct))
        {
            var counterparty = Text(contract, "Контрагент_Key");
            limits[counterparty] = limits.GetValueOrDefault(counterparty) + Number(contract, "ДопустимаяСуммаЗадолженности");
        }
        return limits;
    }

    private static List<Receivable> Merge(Dictionary<string, (decimal Debt, decimal Overdue, DateOnly? Since)> totals, Dictionary<string, decimal> limits)
    {
        var ids = totals.Keys.Union(limits.Keys, StringComparer.OrdinalIgnoreCase);
        return ids.Select(id =>
        {
            var t = totals.GetValueOrDefault(id);
            return new Receivable(id.ToLowerInvariant(), t.Debt, t.Overdue, t.Since, limits.TryGetValue(id, out var l) ? l : null);
        }).ToList();
    }
}
