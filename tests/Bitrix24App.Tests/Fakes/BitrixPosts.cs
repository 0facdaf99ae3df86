using System.Text;

namespace WineB24.Bitrix24App.Tests.Fakes;

/// <summary>Builds what Bitrix24 posts to the app (sheet §11), percent-encoded with PHP bracket keys.</summary>
public static class BitrixPosts
{
    public static Task<HttpResponseMessage> InstallAsync(
        HttpClient http, FakePortal portal, string accessToken, string refreshToken,
        string? applicationToken = "apptoken-1", string lang = "ru", string? memberId = null, string serverEndpoint = "https://oauth.bitrix.info/rest/")
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("AUTH_ID", accessToken),
            new("AUTH_EXPIRES", "3600"),
            new("REFRESH_ID", refreshToken),
            new("SERVER_ENDPOINT", serverEndpoint),
            new("APPLICATION_SCOPE", "crm,bizproc,placement,user,catalog,disk,entity"),
            new("member_id", memberId ?? portal.MemberId),
            new("status", "P"),
            new("PLACEMENT", "DEFAULT"),
        };
        if (applicationToken is not null)
        {
            pairs.Add(new("APPLICATION_TOKEN", applicationToken));
        }
        var url = $"install?DOMAIN={portal.Domain}&PROTOCOL=1&LANG={lang}&APP_SID=7f3a9c0e11d24b6a";
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
