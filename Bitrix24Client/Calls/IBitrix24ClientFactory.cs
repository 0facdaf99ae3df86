namespace WineB24.Bitrix24Client.Calls;

/// <summary>Hands out clients; each portal gets one shared limiter and one token refresher.</summary>
public interface IBitrix24ClientFactory
{
    /// <summary>A client that reads tokens from the <see cref="Auth.ITokenStore"/> and refreshes on <c>expired_token</c>.</summary>
    IBitrix24Client ForPortal(string memberId);

    /// <summary>An inbound-webhook client (<c>https://portal/rest/{user}/{code}/</c>); no OAuth, no refresh.</summary>
    IBitrix24Client ForWebhook(Uri webhookUrl);

    /// <summary>
    /// A client bound to a token that is not (yet) trusted or stored, e.g. to confirm an install POST with
    /// <c>app.info</c> before anything is persisted. Never refreshes.
    /// </summary>
    IBitrix24Client ForUnverifiedToken(Uri clientEndpoint, string accessToken);
}
