using System.Text;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>
/// Posts shaped like Bitrix24's (sheet §11, PHP bracket keys) but written by hand: these are the FORGED or tampered
/// requests an attacker sends. The emulator only ever posts genuine ones, so it cannot play this part.
/// </summary>
public static class BitrixPosts
{
    public static Task<HttpResponseMessage> InstallAsync(
        HttpClient http, string domain, string memberId, string accessToken, string refreshToken,
        string? applicationToken, string lang = "ru", string serverEndpoint = "https://oauth.bitrix.info/rest/", string protocol = "0")
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("AUTH_ID", accessToken),
            new("AUTH_EXPIRES", "3600"),
            new("REFRESH_ID", refreshToken),
            new("SERVER_ENDPOINT", serverEndpoint),
            new("APPLICATION_SCOPE", "crm,bizproc,placement,user,catalog,disk,entity"),
            new("member_id", memberId),
            new("status", "P"),
            new("PLACEMENT", "DEFAULT"),
        };
        if (applicationToken is not null)
        {
            pairs.Add(new("APPLICATION_TOKEN", applicationToken));
        }
        var url = $"install?DOMAIN={domain}&PROTOCOL={protocol}&LANG={lang}&APP_SID=7f3a9c0e11d24b6a";
        return http.PostAsync(url, Form(pairs));
    }

    public static Task<HttpResponseMessage> EventAsync(HttpClient http, string eventName, string memberId, string? applicationToken, IEnumerable<KeyValuePair<string, string>>? data = null, IEnumerable<KeyValuePair<string, string>>? auth = null)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("event", eventName), new("event_handler_id", "412"), new("ts", "1767312000") };
        pairs.AddRange(data ?? []);
        pairs.Add(new("auth[domain]", "acme.bitrix24.com"));
        pairs.Add(new("auth[member_id]", memberId));
        if (applicationToken is not null)
        {
            pairs.Add(new("auth[application_token]", applicationToken));
        }
        pairs.AddRange(auth ?? []);
        return http.PostAsync("events", Form(pairs));
    }

    /// <summary>A robot call (§11(d)) for <paramref name="code"/> with the given member_id and application_token.</summary>
    public static Task<HttpResponseMessage> RobotAsync(HttpClient http, string code, string memberId, string applicationToken, string eventToken, string documentId = "DEAL_1")
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("workflow_id", "664f1a2b3c4d5e.12345678"),
            new("code", code),
            new("document_id[0]", "crm"),
            new("document_id[1]", "CCrmDocumentDeal"),
            new("document_id[2]", documentId),
            new("document_type[0]", "crm"),
            new("document_type[1]", "CCrmDocumentDeal"),
            new("document_type[2]", "DEAL"),
            new("event_token", eventToken),
            new("use_subscription", "Y"),
            new("timeout_duration", "0"),
            new("ts", "1767312000"),
            new("auth[access_token]", "forged-access"),
            new("auth[member_id]", memberId),
            new("auth[application_token]", applicationToken),
            new("auth[domain]", "127.0.0.1"),
            new("auth[user_id]", "1"),
        };
        return http.PostAsync($"robots/{code}", Form(pairs));
    }

    public static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, string>> pairs) => new(pairs);

    public static KeyValuePair<string, string> P(string key, string value) => new(key, value);
}

public static class Eventually
{
    /// <summary>Polls a condition; the timeout only bounds a hung test, nothing asserts how long it took.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, int seconds = 30) => TrueAsync(() => Task.FromResult(condition()), seconds);
}
