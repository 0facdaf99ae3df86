using System.Text.RegularExpressions;

namespace WineB24.Bitrix24App.Install;

/// <summary>
/// Credentials a request CLAIMS for a portal (installer frame POST or ONAPPINSTALL <c>auth[…]</c>). Nothing in it is
/// trusted until <see cref="InstallConfirmation"/> has had the token accepted by app.info.
/// </summary>
/// <param name="PostedEndpoint">The REST root the post names (DOMAIN + PROTOCOL, or <c>auth[client_endpoint]</c>);
/// used only for a portal the app has never seen.</param>
/// <param name="ExpiresAt">When the posted access token expires, from AUTH_EXPIRES / <c>auth[expires]</c>.</param>
public sealed partial record PostedGrant(
    string MemberId,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset ExpiresAt,
    Uri? PostedEndpoint,
    string? ApplicationToken,
    string Language)
{
    /// <summary>An absolute http(s) REST root, or null.</summary>
    public static Uri? Endpoint(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;

    /// <summary>
    /// <c>{http|https}://{DOMAIN}/rest/</c> from the frame query (PROTOCOL 0 = http, anything else https); DOMAIN must be
    /// a bare host name or address with an optional port — no path, user info, query or fragment can ride along.
    /// </summary>
    public static Uri? EndpointFromDomain(string? domain, string? protocol) =>
        domain is null || !HostAndPort().IsMatch(domain.Trim())
            ? null
            : Endpoint($"{(protocol?.Trim() == "0" ? "http" : "https")}://{domain.Trim()}/rest/");

    [GeneratedRegex(@"^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$")]
    private static partial Regex HostAndPort();
}
