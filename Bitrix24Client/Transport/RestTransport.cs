using System.Net;
using System.Net.Sockets;
using RestSharp;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24Client.Transport;

/// <summary>A raw HTTP answer before envelope parsing.</summary>
internal sealed record RawAnswer(int Status, string? Content, Uri? Location);

/// <summary>
/// The one HTTP door of the SDK (RestSharp). Redirects are not followed automatically because HTTP clients
/// turn a redirected POST into a GET without body; <see cref="Bitrix24Caller"/> re-posts itself.
/// </summary>
internal sealed class RestTransport : IDisposable
{
    private readonly RestClient _client;

    public RestTransport(string userAgent, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        void Configure(RestClientOptions o)
        {
            o.FollowRedirects = false;
            o.ThrowOnAnyError = false;
            o.UserAgent = userAgent;
            o.Timeout = timeout;
            // Every HTTP answer is a Bitrix24 answer to parse; only transport faults are errors here.
            o.CalculateResponseStatus = _ => ResponseStatus.Completed;
        }
        var options = new RestClientOptions();
        Configure(options);
        _client = handler is null ? new RestClient(options) : new RestClient(handler, disposeHandler: true, configureRestClient: Configure);
    }

    public Task<RawAnswer> PostJsonAsync(Uri url, string json, string method, CancellationToken ct)
    {
        var request = new RestRequest(url, Method.Post);
        request.AddHeader("Accept", "application/json");
        request.AddStringBody(json, ContentType.Json);
        return SendAsync(url, request, method, ct);
    }

    public Task<RawAnswer> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields, string method, CancellationToken ct)
    {
        var request = new RestRequest(url, Method.Post) { AlwaysMultipartFormData = false };
        request.AddHeader("Accept", "application/json");
        foreach (var (key, value) in fields) request.AddParameter(key, value, ParameterType.GetOrPost);
        return SendAsync(url, request, method, ct);
    }

    private async Task<RawAnswer> SendAsync(Uri url, RestRequest request, string method, CancellationToken ct)
    {
        var response = await _client.ExecuteAsync(request, ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        switch (response.ResponseStatus)
        {
            case ResponseStatus.Completed:
                break;
            case ResponseStatus.TimedOut:
                throw new Bitrix24TransportException(Bitrix24TransportException.Timeout,
                    "No answer within the request timeout", 0, method, mayHaveReachedPortal: true, response.ErrorException);
            case ResponseStatus.Aborted when response.ErrorException is TaskCanceledException:
                throw new Bitrix24TransportException(Bitrix24TransportException.Timeout,
                    "No answer within the request timeout", 0, method, mayHaveReachedPortal: true, response.ErrorException);
            default:
                var neverSent = NeverLeft(response.ErrorException);
                throw new Bitrix24TransportException(
                    neverSent ? Bitrix24TransportException.ConnectionRefused : Bitrix24TransportException.ConnectionFailed,
                    response.ErrorMessage ?? "Connection failed", 0, method, mayHaveReachedPortal: !neverSent, response.ErrorException);
        }
        Uri? location = null;
        var locationHeader = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Location", StringComparison.OrdinalIgnoreCase))?.Value?.ToString()
            ?? response.ContentHeaders?.FirstOrDefault(h => string.Equals(h.Name, "Location", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        if (locationHeader is not null && Uri.TryCreate(url, locationHeader, out var loc))
            location = loc;
        return new RawAnswer((int)response.StatusCode, response.Content, location);
    }

    /// <summary>True when the request provably never reached a server (refused, unknown host, unreachable).</summary>
    private static bool NeverLeft(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException s && s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NoData or SocketError.TryAgain)
                return true;
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } h
                && h.InnerException is SocketException { SocketErrorCode: not SocketError.ConnectionReset })
                return true;
        }
        return false;
    }

    public void Dispose() => _client.Dispose();
}
