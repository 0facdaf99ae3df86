using WineB24.Bitrix24Client.Inbound;
using WineB24.Robots.Catalogue;

namespace WineB24.Robots.Intake;

/// <summary>
/// The robot handler POST (sheet §6.2) read from its bracket form. Keeps the caller's member_id and
/// application_token only for verification; tokens never leave this type.
/// </summary>
public sealed class RobotCall
{
    private RobotCall() { }

    public string MemberId { get; private init; } = "";
    public string? ApplicationToken { get; private init; }
    public string Code { get; private init; } = "";
    public string WorkflowId { get; private init; } = "";
    public IReadOnlyList<string> DocumentId { get; private init; } = [];
    public IReadOnlyList<string> DocumentType { get; private init; } = [];
    public string EventToken { get; private init; } = "";
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Properties { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();
    public bool UseSubscription { get; private init; } = true;
    public string? UserId { get; private init; }
    public string? Timestamp { get; private init; }

    public static RobotCall Read(BracketForm form) => new()
    {
        MemberId = form.Get("auth", "member_id") ?? "",
        ApplicationToken = form.Get("auth", "application_token"),
        Code = form.Get("code") ?? "",
        WorkflowId = form.Get("workflow_id") ?? "",
        DocumentId = form.GetList("document_id"),
        DocumentType = form.GetList("document_type"),
        EventToken = form.Get("event_token") ?? "",
        Properties = ReadProperties(form),
        // Only an explicit N is fire-and-forget; empty means the workflow waits (sheet §6.1).
        UseSubscription = !string.Equals(form.Get("use_subscription"), "N", StringComparison.OrdinalIgnoreCase),
        UserId = form.Get("auth", "user_id"),
        Timestamp = form.Get("ts"),
    };

    /// <summary>What is wrong with the call's shape, or null when it can be queued.</summary>
    public string? Problem(string routeCode)
    {
        if (!string.Equals(Code, routeCode, StringComparison.Ordinal)) return "code does not match the handler";
        if (EventToken.Length == 0) return "event_token is missing";
        if (EventToken.Length > 1000) return "event_token is too long";
        if (DocumentId.Count != 3) return "document_id must have three parts";
        return null;
    }

    public RobotInvocation ToInvocation(string language) => new(
        MemberId, Code, WorkflowId, DocumentId, DocumentType, EventToken, Properties, UseSubscription, UserId, language);

    // properties[KEY]=v and properties[KEY][0]=a&properties[KEY][1]=b (multiple) both become lists.
    private static Dictionary<string, IReadOnlyList<string>> ReadProperties(BracketForm form)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (form.Node("properties") is not Dictionary<string, object> map) return result;
        foreach (var (key, value) in map)
        {
            result[key] = value switch
            {
                string s => [s],
                Dictionary<string, object> many => many.Values.OfType<string>().ToList(),
                _ => [],
            };
        }
        return result;
    }
}
