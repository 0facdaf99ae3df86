using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Tests.Support;

/// <summary>A raw HTTP answer: status and parsed JSON body.</summary>
public sealed record RawAnswer(HttpStatusCode Status, JsonNode? Body)
{
    public JsonNode? Result => Body?["result"];

    public string? Error => Body?["error"]?.GetValue<string>();
}

/// <summary>Plain HttpClient calls, no SDK: JSON POST, form POST or GET.</summary>
public sealed class RawRest : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });

    public RawRest()
    {
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    public async Task<RawAnswer> PostJsonAsync(Uri url, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(url, content);
        return await Read(response);
    }

    public async Task<RawAnswer> PostFormAsync(Uri url, string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(url, content);
        return await Read(response);
    }

    public async Task<RawAnswer> GetAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        return await Read(response);
    }

    /// <summary>Calls <paramref name="method"/> on a portal with an OAuth token in the JSON body.</summary>
    public Task<RawAnswer> CallAsync(Uri clientEndpoint, string method, string token, JsonObject? parameters = null)
    {
        var body = parameters ?? new JsonObject();
        body["auth"] = token;
        return PostJsonAsync(new Uri(clientEndpoint, method), body);
    }

    private static async Task<RawAnswer> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }
        return new RawAnswer(response.StatusCode, body);
    }

    public void Dispose() => _http.Dispose();
}
