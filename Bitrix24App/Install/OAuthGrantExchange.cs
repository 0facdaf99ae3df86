using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace WineB24.Bitrix24App.Install;

/// <summary>A token pair the configured OAuth server issued for a refresh token.</summary>
public sealed record OAuthGrant(string MemberId, Uri ClientEndpoint, string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string? UserId);

/// <summary>Why the OAuth server did not issue a pair.</summary>
public sealed class OAuthGrantRefusedException(string code, string description) : Exception($"OAuth server refused the grant: {code} {description}")
{
    public string Code { get; } = code;
    public string Description { get; } = description;
}

/// <summary>
/// Exchanges a posted refresh token at the CONFIGURED OAuth server (never at a host taken from the post), which
/// proves the post carried a live grant and tells us, from a trusted source, which portal it belongs to.
/// </summary>
public sealed class OAuthGrantExchange(HttpClient http, IOptions<OAuthServerOptions> options, TimeProvider time)
{
    public const string HttpClientName = "bitrix24-oauth";

    public async Task<OAuthGrant> ExchangeRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Form POST keeps client_secret out of URLs and access logs.
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ClientSecret,
            ["refresh_token"] = refreshToken,
        });
        using var response = await http.PostAsync(settings.TokenEndpoint, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new OAuthGrantRefusedException("invalid_response", $"HTTP {(int)response.StatusCode}, not JSON");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new OAuthGrantRefusedException("invalid_response", $"HTTP {(int)response.StatusCode}");
        }
        if (root.TryGetProperty("error", out var error))
        {
            throw new OAuthGrantRefusedException(error.ToString(), Text(root, "error_description") ?? "");
        }

        var memberId = Text(root, "member_id");
        var access = Text(root, "access_token");
        var refresh = Text(root, "refresh_token");
        var endpoint = Text(root, "client_endpoint");
        if (string.IsNullOrEmpty(memberId) || string.IsNullOrEmpty(access) || string.IsNullOrEmpty(refresh)
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var clientEndpoint)
            || (clientEndpoint.Scheme != Uri.UriSchemeHttps && clientEndpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new OAuthGrantRefusedException("invalid_response", "member_id, tokens or client_endpoint missing");
        }

        var expiresAt = long.TryParse(Text(root, "expires"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            ? DateTimeOffset.FromUnixTimeSeconds(expires)
            : time.GetUtcNow().AddSeconds(long.TryParse(Text(root, "expires_in"), out var expiresIn) ? expiresIn : 3600);
        return new OAuthGrant(memberId, clientEndpoint, access, refresh, expiresAt, Text(root, "user_id"));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
