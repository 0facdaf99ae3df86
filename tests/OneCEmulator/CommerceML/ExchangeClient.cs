using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace WineB24.OneCEmulator.CommerceML;

/// <summary>
/// The HTTP side of 1C's "Обмен с сайтом" as УТ 11.5 plays it: Basic auth on every request; no cookie jar (the
/// Cookie header is built by hand from checkauth lines 2–3 and never updated); every parameter in the query string;
/// <c>mode=file</c> is a POST of raw bytes, split into consecutive POSTs of at most <c>file_limit</c> bytes with the
/// same filename; replies decoded by their charset; 180 s per request.
/// </summary>
public sealed class ExchangeClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri exchangeUrl;
    private string? cookie;
    private string? sessId;
    private int requests;

    static ExchangeClient() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public ExchangeClient(Uri exchangeUrl, string login, string password, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        this.exchangeUrl = exchangeUrl;
        http = new HttpClient(handler ?? new SocketsHttpHandler { UseCookies = false, UseProxy = false }, disposeHandler: handler is null)
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(180),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));
    }

    /// <summary>HTTP requests sent so far.</summary>
    public int Requests => requests;

    /// <summary>Append <c>&amp;sessid=</c> to later URLs (УТ's "use session id" node option).</summary>
    public bool SendSessId { get; set; } = true;

    /// <summary>The <c>version</c> sent on init; null like УТ 11.5 (which never sends it).</summary>
    public string? ProtocolVersion { get; set; }

    public async Task<ExchangeReply> CheckAuthAsync(string type, CancellationToken ct = default)
    {
        cookie = null;
        sessId = null;
        var reply = await GetAsync($"type={type}&mode=checkauth", ct);
        if (!reply.IsSuccess)
        {
            throw new ExchangeException("checkauth", reply, reply.IsFailure ? reply.Reason : $"unknown status «{reply.Status}»");
        }
        if (reply.Lines.Count < 3 || reply.Lines[1].Trim().Length == 0)
        {
            throw new ExchangeException("checkauth", reply, "no cookie name/value in lines 2–3");
        }
        cookie = $"{reply.Lines[1].Trim()}={reply.Lines[2].Trim()}";
        if (reply.Lines.Count > 3 && reply.Lines[3].Trim().StartsWith("sessid=", StringComparison.Ordinal))
        {
            sessId = reply.Lines[3].Trim()["sessid=".Length..];
        }
        return reply;
    }

    public async Task<InitReply> InitAsync(string type, CancellationToken ct = default)
    {
        var query = $"type={type}&mode=init" + (ProtocolVersion is null ? "" : $"&version={ProtocolVersion}");
        var reply = await GetAsync(query, ct);
        var lines = reply.Lines.Where(l => l.Trim().Length > 0).ToList();
        if (reply.IsFailure)
        {
            throw new ExchangeException("init", reply, reply.Reason);
        }
        // УТ 11.5 rejects anything but exactly two lines when it sent no version.
        if (ProtocolVersion is null && lines.Count != 2)
        {
            throw new ExchangeException("init", reply, $"expected 2 lines, got {lines.Count}");
        }
        var zip = Value(lines, "zip") is { } z && z.Equals("yes", StringComparison.OrdinalIgnoreCase);
        var limit = long.TryParse(Value(lines, "file_limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : long.MaxValue;
        return new InitReply(zip, limit, lines);
    }

    /// <summary>Uploads a file in POSTs of at most <paramref name="fileLimit"/> bytes, all with the same filename.</summary>
    public async Task<ExchangeReply> UploadAsync(string type, string fileName, Stream content, long fileLimit, CancellationToken ct = default)
    {
        var buffer = new byte[(int)Math.Min(fileLimit, 16 * 1024 * 1024)];
        ExchangeReply? last = null;
        var sentAny = false;
        while (true)
        {
            var read = await ReadChunkAsync(content, buffer, ct);
            if (read == 0 && sentAny)
            {
                break;
            }
            using var body = new ByteArrayContent(buffer, 0, read);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            last = await SendAsync(HttpMethod.Post, $"type={type}&mode=file&filename={Uri.EscapeDataString(fileName)}", body, ct);
            sentAny = true;
            if (!last.IsSuccess)
            {
                throw new ExchangeException("file", last, last.IsFailure ? last.Reason : $"unknown status «{last.Status}»");
            }
            if (read < buffer.Length)
            {
                break;
            }
        }
        return last!;
    }

    /// <summary><c>mode=import</c> for one XML name, repeated while the site answers <c>progress</c>.</summary>
    public async Task<ImportRun> ImportAsync(string type, string fileName, int maxSteps = 100_000, CancellationToken ct = default)
    {
        var steps = 0;
        while (true)
        {
            var reply = await GetAsync($"type={type}&mode=import&filename={Uri.EscapeDataString(fileName)}", ct);
            steps++;
            if (reply.IsProgress)
            {
                if (steps >= maxSteps)
                {
                    throw new ExchangeException("import", reply, $"still in progress after {steps} steps");
                }
                continue;
            }
            if (reply.IsSuccess || reply.IsFailure)
            {
                return new ImportRun(fileName, reply, steps);
            }
            throw new ExchangeException("import", reply, reply.Body.Length == 0 ? "empty reply" : $"unknown status «{reply.Status}»");
        }
    }

    /// <summary><c>type=sale&amp;mode=query</c>: the orders XML (or zip); 1C accepts only a body starting with <c>&lt;?xml</c> or <c>PK</c>.</summary>
    public async Task<byte[]> QueryAsync(CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "type=sale&mode=query", null, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var start = bytes.AsSpan();
        if (!(start.StartsWith("<?xml"u8) || start.StartsWith("PK"u8)))
        {
            throw new ExchangeException("query", new ExchangeReply((int)response.StatusCode, Decode(response, bytes)), "the reply is neither XML nor a zip archive");
        }
        return bytes;
    }

    public Task<ExchangeReply> SuccessAsync(string type = "sale", CancellationToken ct = default) => GetAsync($"type={type}&mode=success", ct);

    public async Task<ExchangeReply> GetAsync(string query, CancellationToken ct = default) => await SendAsync(HttpMethod.Get, query, null, ct);

    private async Task<ExchangeReply> SendAsync(HttpMethod method, string query, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, query, content, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var reply = new ExchangeReply((int)response.StatusCode, Decode(response, bytes));
        if (reply.Body.Trim().Length == 0)
        {
            throw new ExchangeException(query, reply, "empty reply");
        }
        return reply;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string query, HttpContent? content, CancellationToken ct)
    {
        if (SendSessId && sessId is not null && !query.Contains("mode=checkauth", StringComparison.Ordinal))
        {
            query += "&sessid=" + Uri.EscapeDataString(sessId);
        }
        var separator = exchangeUrl.Query.Length > 0 ? "&" : "?";
        using var request = new HttpRequestMessage(method, new Uri(exchangeUrl + separator + query)) { Content = content };
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }
        Interlocked.Increment(ref requests);
        return await http.SendAsync(request, ct);
    }

    private static string Decode(HttpResponseMessage response, byte[] bytes)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
            }
        }
        return encoding.GetString(bytes).TrimStart('\uFEFF');
    }

    private static string? Value(IEnumerable<string> lines, string name) =>
        lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..];

    private static async Task<int> ReadChunkAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    public void Dispose() => http.Dispose();
}

/// <summary>One file's <c>mode=import</c> loop: the final reply and how many calls it took.</summary>
public sealed record ImportRun(string FileName, ExchangeReply Final, int Steps)
{
    public bool Succeeded => Final.IsSuccess;
}
