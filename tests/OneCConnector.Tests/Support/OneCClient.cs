using System.Net.Http.Headers;
using System.Text;

namespace WineB24.OneCConnector.Tests.Support;

/// <summary>
/// Plays 1C's side of the exchange like УТ 11.5 does: Basic auth on every request, no cookie jar — the Cookie header
/// is built by hand from checkauth lines 2–3 — and <c>mode=file</c> bodies are raw bytes.
/// </summary>
internal sealed class OneCClient : IDisposable
{
    private readonly HttpClient http;
    private string? cookie;

    public OneCClient(Uri baseAddress, string login, string password)
    {
        http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));
    }

    public HttpResponseMessage? LastResponse { get; private set; }

    public async Task<string[]> CheckAuthAsync(string type)
    {
        var lines = await GetAsync($"type={type}&mode=checkauth");
        if (lines[0] == "success")
        {
            cookie = $"{lines[1]}={lines[2]}";
        }
        return lines;
    }

    public void ForgetCookie() => cookie = null;

    public async Task<string[]> GetAsync(string query)
    {
        var body = await GetRawAsync(query);
        return Encoding.UTF8.GetString(body).Split('\n');
    }

    public async Task<byte[]> GetRawAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1c/exchange?" + query);
        return await SendAsync(request);
    }

    public async Task<string[]> PostFileAsync(string type, string filename, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/1c/exchange?type={type}&mode=file&filename={Uri.EscapeDataString(filename)}")
        {
            Content = new ByteArrayContent(content),
        };
        return Encoding.UTF8.GetString(await SendAsync(request)).Split('\n');
    }

    /// <summary>Uploads a file split into parts of at most <paramref name="partSize"/> bytes, as 1C does above file_limit.</summary>
    public async Task<List<string[]>> UploadAsync(string type, string filename, byte[] content, int partSize)
    {
        var replies = new List<string[]>();
        for (var offset = 0; offset < content.Length; offset += partSize)
        {
            replies.Add(await PostFileAsync(type, filename, content[offset..Math.Min(content.Length, offset + partSize)]));
        }
        return replies;
    }

    /// <summary>Calls import until the reply is not "progress" (1C repeats the same URL), returning every reply.</summary>
    public async Task<List<string[]>> ImportAsync(string type, string filename, int maxCalls = 200)
    {
        var replies = new List<string[]>();
        for (var i = 0; i < maxCalls; i++)
        {
            var reply = await GetAsync($"type={type}&mode=import&filename={Uri.EscapeDataString(filename)}");
            replies.Add(reply);
            if (reply[0] != "progress")
            {
                break;
            }
        }
        return replies;
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request)
    {
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        LastResponse = await http.SendAsync(request);
        return await LastResponse.Content.ReadAsByteArrayAsync();
    }

    public void Dispose() => http.Dispose();
}
