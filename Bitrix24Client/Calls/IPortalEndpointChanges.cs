namespace WineB24.Bitrix24Client.Calls;

/// <summary>
/// Optional: register implementations to learn that a portal answered 302 (domain renamed). The SDK already
/// re-posted the call to the new address and keeps using it in this process; persist <paramref name="newEndpoint"/>
/// (e.g. in the token store) so other instances and restarts use it too.
/// </summary>
public interface IPortalEndpointChanges
{
    /// <param name="memberId">The portal, or null for a webhook / unverified-token client.</param>
    Task EndpointChangedAsync(string? memberId, Uri oldEndpoint, Uri newEndpoint, CancellationToken cancellationToken);
}
