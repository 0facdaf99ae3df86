namespace WineB24.Robots.Catalogue;

/// <summary>
/// One robot call as Bitrix24 posted it (sheet §6.2), without any OAuth token: the job reaches the portal through
/// the stored tokens. <see cref="DocumentId"/> is <c>[crm, CCrmDocumentDeal, DEAL_123]</c>.
/// </summary>
public sealed record RobotInvocation(
    string MemberId,
    string Code,
    string WorkflowId,
    IReadOnlyList<string> DocumentId,
    IReadOnlyList<string> DocumentType,
    string EventToken,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Properties,
    bool UseSubscription,
    string? UserId,
    string Language)
{
    /// <summary>The first value of a property, or null when it was not sent.</summary>
    public string? Property(string key) =>
        Properties.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>The document the robot runs on: <c>DEAL_123</c> → (DEAL, 123).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public CrmDocument Document => CrmDocument.Parse(DocumentId.Count == 3 ? DocumentId[2] : "");
}
