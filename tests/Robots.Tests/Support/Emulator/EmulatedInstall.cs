using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Bitrix24Client.Setup;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Robots.Tests.Support.Emulator;

/// <summary>
/// The app installed on emulated Bitrix24 portals (tests/PortalEmulator) and reached through the real SDK: an
/// admin's token pair stored at install, installFinish called, and a portal directory answering what Bitrix24App's
/// registry would (domain, application_token, installed, language). Shared by Robots.Tests and Placements.Tests.
/// </summary>
public sealed class EmulatedInstall : IPortalDirectory, IAsyncDisposable
{
    public const string ClientId = "local.wineb24.feature-tests";
    public const string ClientSecret = "feature-tests-secret-0123456789";

    private readonly ConcurrentDictionary<string, EmulatedPortal> _installed = new(StringComparer.Ordinal);

    private EmulatedInstall(Bitrix24Cloud cloud) => Cloud = cloud;

    public Bitrix24Cloud Cloud { get; }
    public InstalledTokens Tokens { get; } = new();

    public static async Task<EmulatedInstall> StartAsync() =>
        new(await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret }));

    /// <summary>A new portal (user 1 is its admin) with the app installed by that admin.</summary>
    public async Task<EmulatedPortal> InstallAsync(string language = "ru")
    {
        var portal = await Cloud.AddPortalAsync(new PortalOptions { Language = language });
        Tokens.StoreFrom(portal);
        portal.FinishInstall();
        _installed[portal.MemberId] = portal;
        return portal;
    }

    /// <summary>
    /// SDK settings for the host. One SDK-level transient retry with a short delay, so a test's injected faults
    /// pass through both layers (the SDK's retry and the job's) without waiting seconds.
    /// </summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Bitrix24:ClientId"] = ClientId,
        ["Bitrix24:ClientSecret"] = ClientSecret,
        ["Bitrix24:OAuthServer"] = Cloud.OAuthServer.ToString(),
        ["Bitrix24:Retry:TransientRetries"] = "1",
        ["Bitrix24:Retry:TransientBaseDelay"] = "00:00:00.010",
    };

    /// <summary>The directory, the token store and the real SDK client factory.</summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPortalDirectory>(this);
        services.AddSingleton<ITokenStore>(Tokens);
        services.AddBitrix24Client(configuration);
    }

    public Task<PortalIdentity?> FindAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(_installed.TryGetValue(memberId, out var p)
            ? new PortalIdentity(p.MemberId, p.Domain, p.App.ApplicationToken, p.App.State == AppState.Installed, p.Options.Language)
            : null);

    public ValueTask DisposeAsync() => Cloud.DisposeAsync();
}
