using System.Text.Json;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.Deals;

/// <summary>The Bitrix24 work one parsed sale file carries: counterparties first, then order reports.</summary>
/// <remarks><see cref="SessionId"/> names the 1C session (journal row) the file came from; rows stored before it existed have none.</remarks>
public sealed record SaleInboxPayload(IReadOnlyList<CounterpartyCard> Counterparties, IReadOnlyList<OrderStatusReport> Orders, string? SessionId = null)
{
    public string Serialize() => JsonSerializer.Serialize(this, CounterpartyCards.Json);

    public static SaleInboxPayload Deserialize(string json) =>
        JsonSerializer.Deserialize<SaleInboxPayload>(json) ?? throw new InvalidDataException("Empty sale inbox payload");
}
