using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Deals;

/// <summary>What one 1C order document says about an order, reduced to what the deal needs. Serialised into the inbox.</summary>
public sealed record OrderStatusReport(
    string? Id,
    string? Number,
    string? OneCNumber,
    string? Status,
    bool Cancelled,
    bool Paid,
    string? PaymentNumber,
    DateTime? PaymentDate,
    string? ShipmentNumber,
    DateTime? ShipmentDate,
    string? StatusKey)
{
    /// <summary>An order document from 1C; null for payments and shipments (they reach the order through its requisites).</summary>
    public static OrderStatusReport? From(OrderDocument d)
    {
        if (d.BusinessOperation is { } op && !op.Trim().Equals("Заказ товара", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var state = d.State;
        return new OrderStatusReport(d.Id?.Value, d.Number?.Trim(), (d.Requisite("Номер по 1С") ?? d.Number1C)?.Trim(), state.Status, state.Cancelled,
            state.Paid, state.PaymentNumber?.Trim(), state.PaymentDate, state.ShipmentNumber?.Trim(), state.ShipmentDate, OrderStatusKey.For(state));
    }

    public string Label => Number ?? Id ?? OneCNumber ?? "?";
}
