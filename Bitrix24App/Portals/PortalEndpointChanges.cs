using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24App.Portals;

/// <summary>Persists a portal's new REST root when the SDK followed a 302 after a domain rename.</summary>
public sealed class PortalEndpointChanges(PortalRegistry registry) : IPortalEndpointChanges
{
    public Task EndpointChangedAsync(string? memberId, Uri oldEndpoint, Uri newEndpoint, CancellationToken cancellationToken) =>
        memberId is null ? Task.CompletedTask : registry.ChangeEndpointAsync(memberId, newEndpoint, cancellationToken);
}
