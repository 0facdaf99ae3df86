using WineB24.Placements.Settings;

namespace WineB24.Bitrix24App.Portals;

/// <summary>The settings page's view of a portal's connection, read from the portal registry.</summary>
public sealed class PortalConnectionState(PortalRegistry registry) : IPortalConnectionState
{
    public async Task<PortalConnection?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        var record = await registry.FindRecordAsync(memberId, cancellationToken);
        if (record is null)
        {
            return null;
        }
        // The registry keeps no separate refresh timestamp; tokens change only on install or refresh, which move UpdatedAt.
        return new PortalConnection(record.NeedsAttentionCode is not null, record.NeedsAttentionCode, record.NeedsAttentionDescription, record.UpdatedAt);
    }
}
