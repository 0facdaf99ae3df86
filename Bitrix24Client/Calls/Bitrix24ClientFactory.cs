using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Limits;
using WineB24.Bitrix24Client.Setup;
using WineB24.Bitrix24Client.Transport;

namespace WineB24.Bitrix24Client.Calls;

/// <summary>
/// Hands out clients. One <see cref="PortalSession"/> per portal (member_id; per host for webhooks and
/// unverified tokens) so every caller of a portal shares its bucket, governor and refresh lock. Register as a
/// singleton (done by <c>AddBitrix24Client</c>); the app's <see cref="ITokenStore"/> must be a singleton too.
/// </summary>
public sealed class Bitrix24ClientFactory : IBitrix24ClientFactory, IPortalLimitSettings, IOAuthGrants, IDisposable
{
    private readonly Bitrix24ClientOptions _options;
    private readonly Func<ITokenStore?> _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly IReadOnlyList<IPortalEndpointChanges> _endpointChanges;
    private readonly RestTransport _transport;
    private readonly OAuthTokenClient _oauth;
    private readonly RetryPolicies _retries;
    private readonly ConcurrentDictionary<string, PortalSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, PortalClient> _portalClients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, PortalLimits> _limits = new(StringComparer.OrdinalIgnoreCase);

    public Bitrix24ClientFactory(IOptions<Bitrix24ClientOptions> options, IServiceProvider services, TimeProvider time,
        ILoggerFactory? loggers = null, IEnumerable<IPortalEndpointChanges>? endpointChanges = null)
        : this(options.Value, () => (ITokenStore?)services.GetService(typeof(ITokenStore)), time, loggers, endpointChanges, handler: null)
    {
    }

    /// <summary>For tests and tools without a container; <paramref name="handler"/> replaces the network.</summary>
    internal Bitrix24ClientFactory(Bitrix24ClientOptions options, Func<ITokenStore?> store, TimeProvider time,
        ILoggerFactory? loggers, IEnumerable<IPortalEndpointChanges>? endpointChanges, HttpMessageHandler? handler)
    {
        _options = options;
        _store = store;
        _time = time;
        _log = (loggers ?? NullLoggerFactory.Instance).CreateLogger("WineB24.Bitrix24Client");
        _endpointChanges = endpointChanges?.ToList() ?? [];
        _transport = new RestTransport(options.UserAgent, options.RequestTimeout, handler);
        _oauth = new OAuthTokenClient(_transport, options.OAuthServer, options.ClientId, options.ClientSecret, time);
        _retries = new RetryPolicies(options.Retry, time, _log);
    }

    public IBitrix24Client ForPortal(string memberId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        return _portalClients.GetOrAdd(memberId, id =>
        {
            var store = _store() ?? throw new InvalidOperationException(
                "ForPortal needs an ITokenStore registered in the container (the app provides it)");
            var session = Session("member:" + id, id);
            return NewClient(new StoredTokenCredentials(id, store, _oauth, session), session);
        });
    }

    public IBitrix24Client ForWebhook(Uri webhookUrl)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        if (!webhookUrl.IsAbsoluteUri) throw new ArgumentException("An absolute webhook URL", nameof(webhookUrl));
        var endpoint = webhookUrl.AbsolutePath.EndsWith('/') ? webhookUrl : new Uri(webhookUrl + "/");
        var session = Session("host:" + endpoint.Authority, null);
        return NewClient(new WebhookCredentials(endpoint), session);
    }

    public IBitrix24Client ForUnverifiedToken(Uri clientEndpoint, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(clientEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        if (!clientEndpoint.IsAbsoluteUri) throw new ArgumentException("An absolute REST endpoint", nameof(clientEndpoint));
        var endpoint = clientEndpoint.AbsolutePath.EndsWith('/') ? clientEndpoint : new Uri(clientEndpoint + "/");
        var session = Session("host:" + endpoint.Authority, null);
        return NewClient(new FixedTokenCredentials(endpoint, accessToken), session);
    }

    public Task<PortalTokens> RedeemAsync(string claimedMemberId, Uri claimedEndpoint, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimedMemberId);
        ArgumentNullException.ThrowIfNull(claimedEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        // The access token is not needed to redeem; the expiry is replaced by the server's answer.
        var claimed = new PortalTokens(claimedMemberId, claimedEndpoint, "", refreshToken, _time.GetUtcNow());
        return _oauth.RefreshAsync(claimed, cancellationToken, requireMemberId: true);
    }

    public void SetLimits(string memberId, PortalLimits limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentNullException.ThrowIfNull(limits);
        if (!(limits.RequestsPerSecond > 0) || limits.Burst < 1 || !(limits.OperatingBudgetSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(limits), "Rate, burst and budget must be positive");
        _limits[memberId] = limits;
        if (_sessions.TryGetValue("member:" + memberId, out var session)) session.Bucket.Limits = limits;
    }

    public PortalLimits GetLimits(string memberId) =>
        _limits.TryGetValue(memberId, out var limits) ? limits : _options.Limits.ToPortalLimits();

    private PortalSession Session(string key, string? memberId) => _sessions.GetOrAdd(key, _ =>
        new PortalSession(memberId is null ? _options.Limits.ToPortalLimits() : GetLimits(memberId), _time, _options.Retry.OperatingFallbackWait));

    private PortalClient NewClient(CallCredentials credentials, PortalSession session) =>
        new(credentials, session, _transport, _retries, _endpointChanges, _log);

    public void Dispose() => _transport.Dispose();
}
