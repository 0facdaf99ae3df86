using WineB24.Placements.Settings;

namespace WineB24.Placements.Tests.Support;

/// <summary>
/// A fake kept on purpose: "needs attention" and the last token refresh live in the app's portal registry
/// (Bitrix24App), not on the portal, so the emulator cannot play this part.
/// </summary>
public sealed class FakeConnectionState : IPortalConnectionState
{
    public PortalConnection? Connection { get; set; }

    public Task<PortalConnection?> GetAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult(Connection);
}
