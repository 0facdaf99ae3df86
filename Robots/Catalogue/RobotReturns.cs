using WineB24.Bitrix24Client.Apps;

namespace WineB24.Robots.Catalogue;

/// <summary>Return properties every robot has, so a workflow can branch on a failure.</summary>
public static class RobotReturns
{
    public const string ErrorKey = "Error";

    public static readonly RobotProperty Error = new(
        ErrorKey,
        new("Ошибка", "Error"),
        "string",
        Description: new("Текст ошибки; пусто, если робот отработал", "Error text; empty when the robot succeeded"));

    /// <summary>Bitrix24 CRM document types for leads, contacts, companies and deals.</summary>
    public static readonly string[] Lead = ["crm", "CCrmDocumentLead", "LEAD"];
    public static readonly string[] Contact = ["crm", "CCrmDocumentContact", "CONTACT"];
    public static readonly string[] Company = ["crm", "CCrmDocumentCompany", "COMPANY"];
    public static readonly string[] Deal = ["crm", "CCrmDocumentDeal", "DEAL"];
}
