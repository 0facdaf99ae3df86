using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Transport;

namespace WineB24.Bitrix24Client.Auth;

/// <summary>
/// Refreshes a token pair at <c>{OAuthServer}/oauth/token/</c> (sheet §2). Posts a form rather than the documented
/// GET so the client secret never appears in a URL (and so in no access log).
/// </summary>
internal sealed class OAuthTokenClient
{
    private const string Method = "oauth/token";
    private readonly RestTransport _transport;
    private readonly Uri _tokenUrl;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _time;

    public OAuthTokenClient(RestTransport transport, Uri oauthServer, string clientId, string clientSecret, TimeProvider time)
    {
        _transport = transport;
        _tokenUrl = new Uri(new Uri(oauthServer.ToString().TrimEnd('/') + "/"), "oauth/token/");
        _clientId = clientId;
        _clientSecret = clientSecret;
        _time = time;
    }

    /// <summary>
    /// A new pair, or a typed exception: <see cref="InvalidGrantException"/>, <see cref="InvalidClientException"/>,
    /// <see cref="PaymentRequiredException"/>… for answers, <see cref="Bitrix24TransportException"/> (never reached the
    /// method call, so safe to retry for any call kind) when the OAuth server did not answer usefully.
    /// </summary>
    public async Task<PortalTokens> RefreshAsync(PortalTokens current, CancellationToken ct, bool requireMemberId = false)
    {
        RawAnswer raw;
        try
        {
            raw = await _transport.PostFormAsync(_tokenUrl,
            [
                new("grant_type", "refresh_token"),
                new("client_id", _clientId),
                new("client_secret", _clientSecret),
                new("refresh_token", current.RefreshToken),
            ], Method, ct).ConfigureAwait(false);
        }
        catch (Bitrix24TransportException ex)
        {
            throw NotRefreshed(ex.Description, ex.HttpStatus, ex);
        }

        var json = Envelope.TryParseObject(raw.Content);
        if (json is not null && json.TryGetValue("error", out var error) && error.Type != JTokenType.Null)
        {
            var code = error.Type == JTokenType.String ? (string)error! : error.ToString();
            throw ErrorCodes.ToException(code, json.Value<string?>("error_description") ?? "", raw.Status, Method, json);
        }
        var access = json?.Value<string?>("access_token");
        var refresh = json?.Value<string?>("refresh_token");
        if (json is null || string.IsNullOrEmpty(access) || string.IsNullOrEmpty(refresh))
            throw NotRefreshed($"HTTP {raw.Status} without a token pair", raw.Status, null);

        var memberId = json.Value<string?>("member_id");
        if (requireMemberId && string.IsNullOrEmpty(memberId))
            throw new Bitrix24Exception("MEMBER_ID_MISSING", "The OAuth server did not name the portal of this grant", raw.Status, Method);
        if (!string.IsNullOrEmpty(memberId) && !string.Equals(memberId, current.MemberId, StringComparison.OrdinalIgnoreCase))
            throw new Bitrix24Exception("MEMBER_ID_MISMATCH", "The OAuth server returned tokens of another portal", raw.Status, Method);

        var endpoint = Uri.TryCreate(json.Value<string?>("client_endpoint"), UriKind.Absolute, out var e) ? e : current.ClientEndpoint;
        var expiresAt = json["expires"] is { Type: JTokenType.Integer or JTokenType.Float or JTokenType.String } exp
                && long.TryParse(exp.ToString(), out var unix) && unix > 0
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : _time.GetUtcNow().AddSeconds(json.Value<int?>("expires_in") ?? 3600);
        return new PortalTokens(current.MemberId, endpoint, access, refresh, expiresAt);
    }

    private static Bitrix24TransportException NotRefreshed(string why, int status, Exception? inner) =>
        new(Bitrix24TransportException.ConnectionFailed, "Token refresh failed: " + why, status, Method,
            mayHaveReachedPortal: false, inner);
}
