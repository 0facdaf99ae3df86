namespace WineB24.Placements.Settings;

/// <summary>What the app's portal registry knows about a portal's connection beyond <c>IPortalDirectory</c>.</summary>
public sealed record PortalConnection(bool NeedsAttention, string? AttentionCode, string? AttentionReason, DateTimeOffset? LastTokenRefreshAt);

/// <summary>
/// Implemented by the app over its portal registry (the flag the SDK sets through
/// <c>ITokenStore.MarkNeedsAttentionAsync</c>, and when tokens were last refreshed). Optional: without it the
/// settings page says the state is unknown.
/// </summary>
public interface IPortalConnectionState
{
    Task<PortalConnection?> GetAsync(string memberId, CancellationToken cancellationToken);
}
