namespace WineB24.Bitrix24Client.Errors;

/// <summary>
/// The portal cannot be called until an admin acts (revoked or used-up grant, deleted portal, unpaid app, app
/// removed). The SDK has already called <see cref="Auth.ITokenStore.MarkNeedsAttentionAsync"/>; further calls
/// fail with this exception without touching the network until the store holds a different token pair.
/// </summary>
public sealed class PortalNeedsAttentionException(string memberId, string code, string description, int httpStatus, string method, Exception? inner = null)
    : Bitrix24Exception(code, description, httpStatus, method, inner)
{
    /// <summary>Code used when the store has no tokens at all for the portal (unknown or uninstalled).</summary>
    public const string NoTokens = "NO_TOKENS";

    public string MemberId { get; } = memberId;
}
