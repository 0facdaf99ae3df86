namespace WineB24.Bitrix24App.Install;

/// <summary>
/// The OAuth settings the install confirmation needs, read from the SDK's <c>Bitrix24</c> section
/// (<c>Bitrix24:OAuthServer</c>, <c>ClientId</c>, <c>ClientSecret</c>); the SDK validates them.
/// </summary>
public sealed class OAuthServerOptions
{
    public Uri OAuthServer { get; set; } = new("https://oauth.bitrix.info");
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    public Uri TokenEndpoint => new(new Uri(OAuthServer.ToString().EndsWith('/') ? OAuthServer.ToString() : OAuthServer + "/"), "oauth/token/");
}
