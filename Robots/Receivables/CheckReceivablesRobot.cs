using System.Globalization;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Receivables;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.Receivables;

/// <summary>
/// «Проверить дебиторскую задолженность»: for a company (a deal's or contact's company) answers the 1C debt, overdue
/// part, days overdue, credit limit and whether the debt is over it, from the last receivables read — so an
/// automation rule can stop a deal without waiting for 1C.
/// </summary>
public sealed class CheckReceivablesRobot(ICounterpartyCompanies companies, IReceivablesSnapshot receivables, TimeProvider time) : IRobot
{
    public const string Code = "wineb24_check_receivables";
    public const string Found = "Found";
    public const string Debt = "Debt";
    public const string Overdue = "Overdue";
    public const string DaysOverdue = "DaysOverdue";
    public const string CreditLimit = "CreditLimit";
    public const string OverCreditLimit = "OverCreditLimit";
    public const string AsOf = "AsOf";

    public RobotDefinition Definition { get; } = new(
        Code,
        new("Проверить дебиторскую задолженность", "Check receivables"),
        new("Сообщает долг клиента по 1С, просрочку, число дней просрочки, кредитный лимит и его превышение",
            "Tells the client's 1C debt, overdue amount, days overdue, credit limit and whether the debt exceeds it"),
        RobotCatalogue.HandlerPathFor(Code),
        Properties: [],
        ReturnProperties:
        [
            new(Found, new("Данные 1С есть", "1C data found"), "bool",
                Description: new("N — компания не связана с контрагентом 1С или долг ещё не загружен", "N — the company is not linked to a 1C counterparty or no debt was read yet")),
            new(Debt, new("Долг", "Debt"), "double"),
            new(Overdue, new("Просроченный долг", "Overdue debt"), "double"),
            new(DaysOverdue, new("Дней просрочки", "Days overdue"), "int"),
            new(CreditLimit, new("Кредитный лимит", "Credit limit"), "double",
                Description: new("0 — в договорах 1С лимит не задан", "0 — no limit in the 1C contracts")),
            new(OverCreditLimit, new("Превышен кредитный лимит", "Over credit limit"), "bool"),
            new(AsOf, new("Данные на", "As of"), "datetime"),
            RobotReturns.Error,
        ],
        DocumentTypes: [RobotReturns.Deal, RobotReturns.Company, RobotReturns.Contact]);

    public async Task<RobotOutcome> RunAsync(RobotInvocation invocation, IBitrix24Client client, CancellationToken cancellationToken)
    {
        var document = invocation.Document;
        var companyId = await CompanyOfAsync(document, client, cancellationToken);
        if (companyId is null)
        {
            return NoData(invocation, new($"У {document} нет компании: долг по 1С не проверить", $"{document} has no company: no 1C debt to check"));
        }
        var oneCId = await companies.FindOneCIdAsync(invocation.MemberId, companyId.Value, cancellationToken);
        if (oneCId is null)
        {
            return NoData(invocation, new($"Компания COMPANY_{companyId} не связана с контрагентом 1С", $"Company COMPANY_{companyId} is not linked to a 1C counterparty"));
        }
        var snapshot = await receivables.FindAsync(invocation.MemberId, oneCId, cancellationToken);
        if (snapshot is null)
        {
            return NoData(invocation, new($"По компании COMPANY_{companyId} долг из 1С ещё не загружен (или его никогда не было)",
                $"No 1C receivables were read yet for company COMPANY_{companyId} (or it never owed anything)"));
        }
        var r = snapshot.Receivable;
        var days = r.DaysOverdue(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var asOf = snapshot.AsOf.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var limit = r.CreditLimit is { } l ? l.ToString("N2", CultureInfo.GetCultureInfo("ru-RU")) : "нет";
        var over = r.OverCreditLimit;
        var log = new LocalizedText(
            $"COMPANY_{companyId}: долг {r.Debt.ToString("N2", CultureInfo.GetCultureInfo("ru-RU"))} ₽, просрочено {r.Overdue.ToString("N2", CultureInfo.GetCultureInfo("ru-RU"))} ₽"
            + (days > 0 ? $" ({days} дн.)" : "") + $", лимит {limit}" + (over ? " — ЛИМИТ ПРЕВЫШЕН" : "") + $"; данные 1С на {asOf}",
            $"COMPANY_{companyId}: debt {r.Debt.ToString("N2", CultureInfo.InvariantCulture)} RUB, overdue {r.Overdue.ToString("N2", CultureInfo.InvariantCulture)} RUB"
            + (days > 0 ? $" ({days} days)" : "") + $", limit {(r.CreditLimit is { } le ? le.ToString("N2", CultureInfo.InvariantCulture) : "none")}"
            + (over ? " — CREDIT LIMIT EXCEEDED" : "") + $"; 1C data as of {asOf}");
        return new RobotOutcome(new Dictionary<string, object>
        {
            [Found] = true,
            [Debt] = (double)r.Debt,
            [Overdue] = (double)r.Overdue,
            [DaysOverdue] = (long)days,
            [CreditLimit] = (double)(r.CreditLimit ?? 0m),
            [OverCreditLimit] = over,
            [AsOf] = asOf,
            [RobotReturns.ErrorKey] = "",
        }, log.For(invocation.Language));
    }

    private static Task<long?> CompanyOfAsync(CrmDocument document, IBitrix24Client client, CancellationToken ct) =>
        document.Type is "COMPANY" or "DEAL" or "CONTACT"
            ? document.CompanyIdAsync(client, ct)
            : throw new RobotFailure(new($"Робот работает в сделках, компаниях и контактах, а не в {document}",
                $"The robot works on deals, companies and contacts, not on {document}"));

    private static RobotOutcome NoData(RobotInvocation invocation, LocalizedText log) => new(new Dictionary<string, object>
    {
        [Found] = false,
        [Debt] = 0d,
        [Overdue] = 0d,
        [DaysOverdue] = 0L,
        [CreditLimit] = 0d,
        [OverCreditLimit] = false,
        [AsOf] = "",
        [RobotReturns.ErrorKey] = "",
    }, log.For(invocation.Language));
}
