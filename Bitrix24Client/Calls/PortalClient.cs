using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Transport;

namespace WineB24.Bitrix24Client.Calls;

/// <summary>
/// The SDK's <see cref="IBitrix24Client"/>: JSON POST to <c>{endpoint}{method}</c>, waits for the portal's limits,
/// refreshes once on <c>expired_token</c>, follows a domain move, retries per <see cref="CallKind"/>.
/// </summary>
internal sealed class PortalClient : IBitrix24Client
{
    private static readonly JsonSerializer Serializer = JsonSerializer.CreateDefault(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
    });

    private readonly CallCredentials _credentials;
    private readonly PortalSession _session;
    private readonly RestTransport _transport;
    private readonly RetryPolicies _retries;
    private readonly IReadOnlyList<IPortalEndpointChanges> _endpointChanges;
    private readonly ILogger _log;

    public PortalClient(CallCredentials credentials, PortalSession session, RestTransport transport, RetryPolicies retries,
        IReadOnlyList<IPortalEndpointChanges> endpointChanges, ILogger log)
    {
        _credentials = credentials;
        _session = session;
        _transport = transport;
        _retries = retries;
        _endpointChanges = endpointChanges;
        _log = log;
    }

    public string? MemberId => _credentials.MemberId;

    public async Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (method.Contains('/') || method.Contains('?') || method.Contains('#'))
            throw new ArgumentException("A method name, e.g. crm.deal.list, not a path or URL", nameof(method));
        var body = ToJObject(parameters);
        var governed = GovernedMethods(method, body);
        return await _retries.For(kind).ExecuteAsync(
            async ct => await AttemptAsync(method, body, governed, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Bitrix24Response> AttemptAsync(string method, JObject body, IReadOnlyCollection<string> governed, CancellationToken ct)
    {
        var auth = await _credentials.CurrentAsync(ct).ConfigureAwait(false);
        var refreshed = false;
        while (true)
        {
            await _session.WaitForTurnAsync(governed, ct).ConfigureAwait(false);
            try
            {
                var response = await SendAsync(auth, method, body, ct).ConfigureAwait(false);
                _session.Bucket.Accepted();
                Observe(method, body, response);
                return response;
            }
            catch (ExpiredTokenException) when (!refreshed)
            {
                var fresh = await _credentials.RefreshAsync(auth, ct).ConfigureAwait(false);
                if (fresh is null) throw;
                _log.LogInformation("Bitrix24 {Method} on {MemberId}: token expired, retrying with a refreshed token", method, MemberId);
                refreshed = true;
                auth = fresh;
            }
            catch (QueryLimitExceededException ex)
            {
                _session.Bucket.Rejected();
                LogFailure(method, ex);
                throw;
            }
            catch (OperationTimeLimitException ex)
            {
                foreach (var m in governed) _session.Governor.Block(m);
                LogFailure(method, ex);
                throw;
            }
            catch (Bitrix24Exception ex) when (ErrorCodes.RequiresAttention(ex.Code))
            {
                LogFailure(method, ex);
                var giveUp = await _credentials.GiveUpAsync(auth, ex, ct).ConfigureAwait(false);
                if (giveUp is not null) throw giveUp;
                throw;
            }
            catch (Bitrix24Exception ex)
            {
                LogFailure(method, ex);
                throw;
            }
        }
    }

    private async Task<Bitrix24Response> SendAsync(CallAuth auth, string method, JObject parameters, CancellationToken ct)
    {
        var body = parameters;
        if (auth.AccessToken is not null)
        {
            body = (JObject)parameters.DeepClone();
            body["auth"] = auth.AccessToken;
        }
        var json = body.ToString(Formatting.None);
        var url = new Uri(auth.Endpoint, method);
        Uri? moved = null;
        for (var hop = 0; ; hop++)
        {
            var raw = await _transport.PostJsonAsync(url, json, method, ct).ConfigureAwait(false);
            if (raw.Status is 301 or 302 or 303 or 307 or 308 && raw.Location is not null && hop < 3)
            {
                // Bitrix24 answers 302 after a domain rename; re-POST with the body kept (clients would send a GET).
                url = raw.Location;
                moved = EndpointOf(raw.Location, method);
                continue;
            }
            if (moved is not null && moved != auth.Endpoint) await ReportMoveAsync(auth.Endpoint, moved, ct).ConfigureAwait(false);
            _log.LogDebug("Bitrix24 {Method} on {MemberId}: HTTP {Status}", method, MemberId, raw.Status);
            return Envelope.Parse(raw.Status, raw.Content, method);
        }
    }

    private async Task ReportMoveAsync(Uri from, Uri to, CancellationToken ct)
    {
        _credentials.Moved(from, to);
        _log.LogWarning("Bitrix24 portal {MemberId} moved from {OldHost} to {NewHost}", MemberId, from.Host, to.Host);
        foreach (var listener in _endpointChanges)
            await listener.EndpointChangedAsync(MemberId, from, to, ct).ConfigureAwait(false);
    }

    /// <summary>The REST root of a redirect target: the Location minus the method and the query.</summary>
    internal static Uri EndpointOf(Uri location, string method)
    {
        var path = location.AbsolutePath;
        foreach (var suffix in new[] { method, method + ".json" })
        {
            if (path.EndsWith("/" + suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^suffix.Length];
                return new UriBuilder(location) { Path = path, Query = "", Fragment = "" }.Uri;
            }
        }
        return new UriBuilder(location) { Path = path[..(path.LastIndexOf('/') + 1)], Query = "", Fragment = "" }.Uri;
    }

    private void Observe(string method, JObject body, Bitrix24Response response)
    {
        _session.Governor.Observe(method, response.Time);
        if (!string.Equals(method, "batch", StringComparison.OrdinalIgnoreCase) || response.Result is not JObject batch) return;
        var methods = BatchMethods(body);
        if (batch["result_time"] is JObject times)
        {
            foreach (var (key, time) in times)
                if (methods.TryGetValue(key, out var nested)) _session.Governor.Observe(nested, Envelope.ReadTime(time));
        }
        if (batch["result_error"] is JObject errors)
        {
            foreach (var (key, error) in errors)
            {
                if (methods.TryGetValue(key, out var nested)
                    && string.Equals(error?["error"]?.ToString(), "OPERATION_TIME_LIMIT", StringComparison.OrdinalIgnoreCase))
                    _session.Governor.Block(nested);
            }
        }
    }

    /// <summary>The methods whose operating budget a call spends: the method itself, or a batch's commands.</summary>
    private static IReadOnlyCollection<string> GovernedMethods(string method, JObject body)
    {
        if (!string.Equals(method, "batch", StringComparison.OrdinalIgnoreCase)) return [method];
        var nested = BatchMethods(body).Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        nested.Add(method);
        return nested;
    }

    private static Dictionary<string, string> BatchMethods(JObject body)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<KeyValuePair<string, JToken?>> commands = body["cmd"] switch
        {
            JObject o => o.Properties().Select(p => new KeyValuePair<string, JToken?>(p.Name, p.Value)),
            JArray a => a.Select((t, i) => new KeyValuePair<string, JToken?>(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t)),
            _ => [],
        };
        foreach (var (key, value) in commands)
        {
            var text = value?.Type == JTokenType.String ? (string?)value : null;
            if (string.IsNullOrEmpty(text)) continue;
            var q = text.IndexOf('?');
            map[key] = q < 0 ? text : text[..q];
        }
        return map;
    }

    private void LogFailure(string method, Bitrix24Exception ex) =>
        _log.LogWarning("Bitrix24 {Method} on {MemberId} failed: {ErrorCode} (HTTP {Status})", method, MemberId, ex.Code, ex.HttpStatus);

    internal static JObject ToJObject(object? parameters) => parameters switch
    {
        null => new JObject(),
        JObject o => (JObject)o.DeepClone(),
        JToken => throw new ArgumentException("Parameters must be an object", nameof(parameters)),
        string => throw new ArgumentException("Parameters must be an object, not a string", nameof(parameters)),
        _ => JToken.FromObject(parameters, Serializer) as JObject
             ?? throw new ArgumentException("Parameters must serialise to a JSON object", nameof(parameters)),
    };
}
