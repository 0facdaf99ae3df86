namespace WineB24.Robots.Tests.Support;

/// <summary>A robot handler POST as Bitrix24 sends it (sheet §6.2 / §11 d).</summary>
public static class RobotForm
{
    public static List<KeyValuePair<string, string>> For(string memberId, string applicationToken, string code, string documentId,
        string eventToken, params (string Key, string Value)[] properties)
    {
        var type = documentId[..documentId.LastIndexOf('_')];
        var cls = "CCrmDocument" + type[0] + type[1..].ToLowerInvariant();
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("workflow_id", "677a1b2c3d4e59.81726354"),
            new("code", code),
            new("document_id[0]", "crm"),
            new("document_id[1]", cls),
            new("document_id[2]", documentId),
            new("document_type[0]", "crm"),
            new("document_type[1]", cls),
            new("document_type[2]", type),
            new("event_token", eventToken),
            new("use_subscription", "Y"),
            new("timeout_duration", "0"),
            new("ts", "1767398400"),
            new("auth[access_token]", "7f905b66000b9c94"),
            new("auth[expires_in]", "3600"),
            new("auth[domain]", memberId + ".bitrix24.ru"),
            new("auth[client_endpoint]", "https://" + memberId + ".bitrix24.ru/rest/"),
            new("auth[member_id]", memberId),
            new("auth[user_id]", "17"),
            new("auth[refresh_token]", "80a16c66000b9c94"),
            new("auth[application_token]", applicationToken),
        };
        pairs.AddRange(properties.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        return pairs;
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient http, string code, IEnumerable<KeyValuePair<string, string>> form) =>
        await http.PostAsync("/robots/" + code, new FormUrlEncodedContent(form));
}
