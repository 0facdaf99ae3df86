using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.Duplicates;

/// <summary>
/// «Проверить дубликаты»: counts the leads, contacts and companies that share a phone or e-mail with the
/// document, so an automation rule can stop a second manager from working the same client.
/// </summary>
public sealed class CheckDuplicatesRobot : IRobot
{
    public const string Code = "wineb24_check_duplicates";
    public const string DuplicateCount = "DuplicateCount";
    public const string DuplicateIds = "DuplicateIds";
    public const string HasOtherResponsible = "HasOtherResponsible";

    public RobotDefinition Definition { get; } = new(
        Code,
        new("Проверить дубликаты", "Check duplicates"),
        new("Ищет лиды, контакты и компании с теми же телефонами и e-mail и сообщает, ведёт ли их другой ответственный",
            "Finds leads, contacts and companies with the same phones and e-mails and tells whether another employee is responsible for them"),
        RobotCatalogue.HandlerPathFor(Code),
        Properties: [],
        ReturnProperties:
        [
            new(DuplicateCount, new("Количество дубликатов", "Number of duplicates"), "int"),
            new(DuplicateIds, new("Дубликаты", "Duplicates"), "string",
                Description: new("Например LEAD_12,CONTACT_7,COMPANY_3", "For example LEAD_12,CONTACT_7,COMPANY_3")),
            new(HasOtherResponsible, new("Есть другой ответственный", "Another employee is responsible"), "bool"),
            RobotReturns.Error,
        ],
        DocumentTypes: [RobotReturns.Lead, RobotReturns.Contact, RobotReturns.Company, RobotReturns.Deal]);

    public async Task<RobotOutcome> RunAsync(RobotInvocation invocation, IBitrix24Client client, CancellationToken cancellationToken)
    {
        var report = await DuplicateSearch.RunAsync(client, invocation.Document, cancellationToken);
        var ids = string.Join(",", report.Duplicates);
        return new RobotOutcome(
            new Dictionary<string, object>
            {
                [DuplicateCount] = (long)report.Duplicates.Count,
                [DuplicateIds] = ids,
                [HasOtherResponsible] = report.HasOtherResponsible,
                [RobotReturns.ErrorKey] = "",
            },
            LogMessage(report).For(invocation.Language));
    }

    private static LocalizedText LogMessage(DuplicateReport report)
    {
        if (report.Searched.IsEmpty)
        {
            return new($"У {report.Document} нет телефонов и e-mail: дубликаты не искали",
                $"{report.Document} has no phones or e-mails: nothing to search");
        }
        var searched = $"{report.Searched.Phones.Count} / {report.Searched.Emails.Count}";
        if (report.Duplicates.Count == 0)
        {
            return new($"Дубликатов {report.Document} не найдено (телефонов / e-mail: {searched})",
                $"No duplicates of {report.Document} (phones / e-mails: {searched})");
        }
        var ids = string.Join(", ", report.Duplicates);
        var other = report.HasOtherResponsible;
        return new(
            $"Найдено дубликатов {report.Document}: {report.Duplicates.Count} ({ids})" + (other ? "; есть другой ответственный" : ""),
            $"Found {report.Duplicates.Count} duplicates of {report.Document} ({ids})" + (other ? "; another employee is responsible" : ""));
    }
}
