using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Tests.Support;

/// <summary>A cloud with one portal, an admin token, and a raw HTTP client; one per test.</summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(Bitrix24Cloud cloud, EmulatedPortal portal, string adminToken)
    {
        Cloud = cloud;
        Portal = portal;
        AdminToken = adminToken;
    }

    public Bitrix24Cloud Cloud { get; }

    public EmulatedPortal Portal { get; }

    public string AdminToken { get; }

    public RawRest Http { get; } = new();

    public static async Task<EmulatorFixture> StartAsync(PortalOptions? portalOptions = null, CloudOptions? cloudOptions = null)
    {
        var cloud = await Bitrix24Cloud.StartAsync(cloudOptions ?? new CloudOptions());
        var portal = await cloud.AddPortalAsync(portalOptions ?? new PortalOptions());
        var tokens = portal.IssueTokens(1);
        return new EmulatorFixture(cloud, portal, tokens.AccessToken);
    }

    public Task<RawAnswer> CallAsync(string method, JsonObject? parameters = null, string? token = null)
        => Http.CallAsync(Portal.ClientEndpoint, method, token ?? AdminToken, parameters);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Cloud.DisposeAsync();
    }
}
