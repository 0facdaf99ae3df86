using System.Text.Json.Nodes;
using WineB24.OneCConnector.OData;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// Payment terms of customer contracts where the settlement register has no due dates (УНФ, БП 3.0): days from the
/// shipment until payment is due, per contract; a contract without a term (0, or БП's «срок установлен» unset) is absent
/// — its debt is never counted overdue.
/// </summary>
internal static class ContractTerms
{
    public static async Task<Dictionary<string, int>> ReadAsync(ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        var terms = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (preset.PaymentTerm is not { } term) return terms;
        List<string> select = ["Ref_Key", term];
        if (preset.PaymentTermSet is { } flag) select.Add(flag);
        await foreach (var contract in client.GetAllAsync(ODataQuery.Set(preset.Contracts) with { Select = select }, ct))
        {
            if (preset.PaymentTermSet is { } f && !(contract[f] is JsonValue v && v.TryGetValue<bool>(out var set) && set)) continue;
            var days = (int)Math.Min(Number(contract, term), 3650);
            if (days > 0) terms[Text(contract, "Ref_Key")] = days;
        }
        return terms;
    }
}
