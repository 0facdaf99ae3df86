using System.Text.Json;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.Deals;

/// <summary>The Bitrix24 work one parsed sale file carries: counterparties first, then order reports.</summary>
public sealed record SaleInboxPayload(IReadOnlyList<CounterpartyCard> Counterparties, IReadOnlyList<OrderStatusReport> Orders)
{
    public string Serialize() => JsonSerializer.Serialize(this, CounterpartyCards.Json);

    public static SaleInboxPayload Deserialize(string json) =>
        JsonSerializer.Deserialize<SaleInboxPayload>(json) ?? throw new InvalidDataException("Empty sale inbox payload");
}
