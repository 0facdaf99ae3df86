using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Robots.Tests.Support;

/// <summary>The test's own portal registry and client factory: every portal is a <see cref="FakePortal"/>.</summary>
public sealed class FakePortals : IPortalDirectory, IBitrix24ClientFactory
{
    private readonly ConcurrentDictionary<string, (PortalIdentity Identity, FakePortal Api)> _portals = new();

    public FakePortal Install(string memberId, string applicationToken, string language = "ru")
    {
        var api = new FakePortal(memberId);
        _portals[memberId] = (new PortalIdentity(memberId, memberId + ".bitrix24.ru", applicationToken, true, language), api);
        return api;
    }

    public FakePortal this[string memberId] => _portals[memberId].Api;

    public Task<PortalIdentity?> FindAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(_portals.TryGetValue(memberId, out var p) ? p.Identity : null);

    public IBitrix24Client ForPortal(string memberId) => _portals[memberId].Api;
    public IBitrix24Client ForWebhook(Uri webhookUrl) => throw new InvalidOperationException("robots never use webhooks");
    public IBitrix24Client ForUnverifiedToken(Uri clientEndpoint, string accessToken) => throw new InvalidOperationException("robots never use posted tokens");
}
