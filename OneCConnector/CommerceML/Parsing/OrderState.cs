namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>
/// What 1C says about an order, read from <c>ЗначенияРеквизитов</c>. УТ 11.5 sends no <c>Статус заказа</c>: it reports
/// <c>Проведен</c>, <c>Отменен</c> and payment/shipment numbers (only once fully paid/shipped), so paid/shipped are
/// derived from those numbers as well as from УНФ's explicit <c>Оплачен</c>/<c>Отгружен</c>.
/// </summary>
public sealed record OrderState(
    string? Status,
    string? StatusId,
    bool? Posted,
    bool Cancelled,
    bool Paid,
    bool Shipped,
    string? PaymentNumber,
    DateTime? PaymentDate,
    string? ShipmentNumber,
    DateTime? ShipmentDate,
    bool? DeliveryAllowed,
    bool? FinalStatus)
{
    public static OrderState From(OrderDocument d)
    {
        var paymentNumber = d.Requisite("Номер оплаты по 1С");
        var shipmentNumber = d.Requisite("Номер отгрузки по 1С");
        var paidFlag = CommerceMLValues.ParseBool(d.Requisite("Оплачен")) ?? CommerceMLValues.ParseBool(d.Requisite("Заказ оплачен"));
        var shippedFlag = CommerceMLValues.ParseBool(d.Requisite("Отгружен"));
        return new OrderState(
            Status: d.Requisite("Статус заказа"),
            StatusId: d.Requisite("Статуса заказа ИД"),
            Posted: CommerceMLValues.ParseBool(d.Requisite("Проведен")),
            Cancelled: CommerceMLValues.ParseBool(d.Requisite("Отменен")) == true,
            Paid: paidFlag ?? !string.IsNullOrEmpty(paymentNumber),
            Shipped: shippedFlag ?? !string.IsNullOrEmpty(shipmentNumber),
            PaymentNumber: paymentNumber,
            PaymentDate: CommerceMLValues.TryParseDateTime(d.Requisite("Дата оплаты по 1С")) ?? CommerceMLValues.TryParseDateTime(d.Requisite("Дата оплаты")),
            ShipmentNumber: shipmentNumber,
            ShipmentDate: CommerceMLValues.TryParseDateTime(d.Requisite("Дата отгрузки по 1С")),
            DeliveryAllowed: CommerceMLValues.ParseBool(d.Requisite("Доставка разрешена")),
            FinalStatus: CommerceMLValues.ParseBool(d.Requisite("Финальный статус")));
    }
}
