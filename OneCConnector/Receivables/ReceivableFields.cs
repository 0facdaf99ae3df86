using System.Globalization;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// The company user fields that carry 1C receivables, declared so install registers them, and the values written
/// into them (money as <c>1234.50|RUB</c>, the form Bitrix24's money type takes).
/// </summary>
public sealed class ReceivableFields : IAppManifestContributor
{
    public const string Debt = "UF_CRM_WINEB24_DEBT";
    public const string Overdue = "UF_CRM_WINEB24_OVERDUE";
    public const string OverdueSince = "UF_CRM_WINEB24_OVERDUE_SINCE";
    public const string CreditLimit = "UF_CRM_WINEB24_CREDIT_LIMIT";
    public const string Updated = "UF_CRM_WINEB24_DEBT_UPDATED";
    public const string Currency = "RUB";

    public IEnumerable<RobotDefinition> Robots => [];
    public IEnumerable<PlacementDefinition> Placements => [];
    public IEnumerable<EventBindingDefinition> Events => [];
    public IEnumerable<TriggerDefinition> Triggers => [];

    public IEnumerable<UserFieldDefinition> UserFields =>
    [
        new("company", Debt, "money", new("Долг по 1С", "Debt (1C)")),
        new("company", Overdue, "money", new("Просроченный долг по 1С", "Overdue debt (1C)")),
        new("company", OverdueSince, "date", new("Просрочка с", "Overdue since")),
        new("company", CreditLimit, "money", new("Кредитный лимит по 1С", "Credit limit (1C)")),
        new("company", Updated, "datetime", new("Долг обновлён", "Debt updated")),
    ];

    /// <summary>The fields of one company update; empty strings clear a date or a limit 1C no longer has.</summary>
    public static Dictionary<string, object> Values(Receivable receivable, DateTimeOffset changedAt) => new()
    {
        [Debt] = Money(receivable.Debt),
        [Overdue] = Money(receivable.Overdue),
        [OverdueSince] = receivable.OverdueSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        [CreditLimit] = receivable.CreditLimit is { } limit ? Money(limit) : "",
        [Updated] = changedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture) + "|" + Currency;
}
