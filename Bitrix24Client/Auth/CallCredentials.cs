using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24Client.Auth;

/// <summary>Where one call goes and with which token (null for webhooks: the secret is in the URL).</summary>
internal sealed record CallAuth(Uri Endpoint, string? AccessToken, PortalTokens? Tokens);

/// <summary>How a client obtains, refreshes and gives up on its credentials.</summary>
internal abstract class CallCredentials
{
    public abstract string? MemberId { get; }

    public abstract Task<CallAuth> CurrentAsync(CancellationToken ct);

    /// <summary>A fresh token after <c>expired_token</c>, or null when this kind of client never refreshes.</summary>
    public virtual Task<CallAuth?> RefreshAsync(CallAuth failed, CancellationToken ct) => Task.FromResult<CallAuth?>(null);

    /// <summary>For portal clients: records that the portal needs an admin and returns the exception to throw.</summary>
    public virtual Task<Exception?> GiveUpAsync(CallAuth auth, Bitrix24Exception error, CancellationToken ct) => Task.FromResult<Exception?>(null);

    public abstract void Moved(Uri from, Uri to);
}

/// <summary>An inbound webhook URL (<c>https://portal/rest/{user}/{code}/</c>): no token, no refresh.</summary>
internal sealed class WebhookCredentials(Uri webhook) : CallCredentials
{
    private volatile Uri _endpoint = webhook;

    public override string? MemberId => null;

    public override Task<CallAuth> CurrentAsync(CancellationToken ct) => Task.FromResult(new CallAuth(_endpoint, null, null));

    public override void Moved(Uri from, Uri to) => _endpoint = to;
}

/// <summary>A token that is not stored (install confirmation): used as is, never refreshed.</summary>
internal sealed class FixedTokenCredentials(Uri endpoint, string accessToken) : CallCredentials
{
    private volatile Uri _endpoint = endpoint;

    public override string? MemberId => null;

    public override Task<CallAuth> CurrentAsync(CancellationToken ct) => Task.FromResult(new CallAuth(_endpoint, accessToken, null));

    public override void Moved(Uri from, Uri to) => _endpoint = to;
}

/// <summary>
/// A portal's stored OAuth pair with single-flight refresh: callers of one portal share one
/// <see cref="PortalSession.RefreshLock"/>; after acquiring it the store is read again, and only if it still holds
/// the token that failed is the pair refreshed — then saved with compare-and-swap before anyone uses it.
/// </summary>
internal sealed class StoredTokenCredentials(string memberId, ITokenStore store, OAuthTokenClient oauth, PortalSession session)
    : CallCredentials
{
    public override string? MemberId => memberId;

    public override async Task<CallAuth> CurrentAsync(CancellationToken ct) => ToAuth(await ReadLiveAsync(ct).ConfigureAwait(false));

    public override async Task<CallAuth?> RefreshAsync(CallAuth failed, CancellationToken ct)
    {
        await session.RefreshLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = await ReadLiveAsync(ct).ConfigureAwait(false);
            if (current.AccessToken != failed.AccessToken) return ToAuth(current); // someone else refreshed already

            PortalTokens refreshed;
            try
            {
                refreshed = await oauth.RefreshAsync(current, ct).ConfigureAwait(false);
            }
            catch (Bitrix24Exception ex) when (ErrorCodes.RequiresAttention(ex.Code))
            {
                throw await MarkAsync(current, ex).ConfigureAwait(false);
            }
            // Persist before use: a new refresh token that is used but not saved would be lost on a crash, and the
            // old one is already consumed.
            var saved = await store.SaveRefreshedAsync(memberId, current.RefreshToken, refreshed, ct).ConfigureAwait(false);
            return ToAuth(saved);
        }
        finally
        {
            session.RefreshLock.Release();
        }
    }

    public override async Task<Exception?> GiveUpAsync(CallAuth auth, Bitrix24Exception error, CancellationToken ct) =>
        auth.Tokens is null ? null : await MarkAsync(auth.Tokens, error).ConfigureAwait(false);

    public override void Moved(Uri from, Uri to) => session.RecordMove(from, to);

    private async Task<PortalTokens> ReadLiveAsync(CancellationToken ct)
    {
        var tokens = await store.GetAsync(memberId, ct).ConfigureAwait(false)
            ?? throw new PortalNeedsAttentionException(memberId, PortalNeedsAttentionException.NoTokens,
                "No tokens stored for this portal (unknown or uninstalled)", 0, "");
        if (session.DeadReason(tokens) is { } dead)
            throw new PortalNeedsAttentionException(memberId, dead.Code, dead.Description, 0, "");
        return tokens;
    }

    private async Task<PortalNeedsAttentionException> MarkAsync(PortalTokens tokens, Bitrix24Exception error)
    {
        session.MarkDead(tokens, error.Code, error.Description);
        // Not cancellable: once the grant is known dead the mark must land, or workers would keep retrying.
        await store.MarkNeedsAttentionAsync(memberId, error.Code, error.Description, CancellationToken.None).ConfigureAwait(false);
        return new PortalNeedsAttentionException(memberId, error.Code, error.Description, error.HttpStatus, error.Method, error);
    }

    private CallAuth ToAuth(PortalTokens tokens) => new(session.Resolve(tokens.ClientEndpoint), tokens.AccessToken, tokens);
}
