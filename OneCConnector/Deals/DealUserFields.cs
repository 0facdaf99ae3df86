using WineB24.Bitrix24Client.Apps;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// The deal fields 1C fills (payment and shipment documents, paid flag, 1C's order number). Declared here so the
/// app's install/update registers them on every portal; the status sync writes only these and STAGE_ID.
/// </summary>
public sealed class DealUserFields : IAppManifestContributor
{
    public const string OneCNumber = "UF_CRM_WINEB24_1C_NUMBER";
    public const string Paid = "UF_CRM_WINEB24_1C_PAID";
    public const string PaymentNumber = "UF_CRM_WINEB24_1C_PAY_NUM";
    public const string PaymentDate = "UF_CRM_WINEB24_1C_PAY_DATE";
    public const string ShipmentNumber = "UF_CRM_WINEB24_1C_SHIP_NUM";
    public const string ShipmentDate = "UF_CRM_WINEB24_1C_SHIP_DATE";

    public IEnumerable<UserFieldDefinition> UserFields { get; } =
    [
        new("deal", OneCNumber, "string", new("Номер заказа в 1С", "1C order number")),
        new("deal", Paid, "boolean", new("Оплачен (1С)", "Paid (1C)")),
        new("deal", PaymentNumber, "string", new("Номер оплаты (1С)", "Payment number (1C)")),
        new("deal", PaymentDate, "date", new("Дата оплаты (1С)", "Payment date (1C)")),
        new("deal", ShipmentNumber, "string", new("Номер отгрузки (1С)", "Shipment number (1C)")),
        new("deal", ShipmentDate, "date", new("Дата отгрузки (1С)", "Shipment date (1C)")),
    ];

    public IEnumerable<RobotDefinition> Robots => [];
    public IEnumerable<PlacementDefinition> Placements => [];
    public IEnumerable<EventBindingDefinition> Events => [];
    public IEnumerable<TriggerDefinition> Triggers => [];
}
