using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Delivery;

/// <summary>The app's answer to something the portal posted.</summary>
public sealed record DeliveryResponse(int Status, string Body);

/// <summary>One POST the portal made to the app (events, installer, robots, placements); Status 0 = no answer.</summary>
public sealed record DeliveryRecord(string Kind, Uri Url, string Body, int Status, string? Error);

/// <summary>
/// Posts form-encoded (PHP bracket keys) requests to the app. Online events go through a queue, one at a time,
/// without retries, as Bitrix24 does; <see cref="FlushAsync"/> waits until the queue is empty.
/// </summary>
public sealed class AppDelivery : IDisposable
{
    private readonly HttpClient _http;
    private readonly object _gate = new();
    private readonly ConcurrentQueue<DeliveryRecord> _log = new();
    private Task _tail = Task.CompletedTask;

    public AppDelivery(TimeSpan timeout)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Bitrix24 Webhook Engine");
    }

    public IReadOnlyList<DeliveryRecord> Log => _log.ToList();

    public async Task<DeliveryResponse> PostAsync(string kind, Uri url, JsonNode form, CancellationToken cancellationToken = default)
    {
        var body = PhpForm.Build(form);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await _http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            _log.Enqueue(new DeliveryRecord(kind, url, body, (int)response.StatusCode, null));
            return new DeliveryResponse((int)response.StatusCode, text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _log.Enqueue(new DeliveryRecord(kind, url, body, 0, e.Message));
            return new DeliveryResponse(0, "");
        }
    }

    /// <summary>Queues a POST; failures are logged and dropped (no retry).</summary>
    public void Enqueue(string kind, Uri url, JsonNode form)
    {
        lock (_gate)
        {
            _tail = _tail.ContinueWith(_ => PostAsync(kind, url, form), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _tail;
        }
    }

    public void Dispose() => _http.Dispose();
}
