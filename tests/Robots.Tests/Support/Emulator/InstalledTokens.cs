using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Auth;
using WineB24.PortalEmulator.Portal;

namespace WineB24.Robots.Tests.Support.Emulator;

/// <summary>
/// The app's token store kept in memory (the real one is Bitrix24App's encrypted table, which these projects do
/// not reference): the admin pair stored at install, replaced on refresh only if nobody replaced it first.
/// </summary>
public sealed class InstalledTokens : ITokenStore
{
    private readonly ConcurrentDictionary<string, PortalTokens> _pairs = new(StringComparer.Ordinal);

    /// <summary><c>member_id:code</c> for every portal the SDK flagged.</summary>
    public ConcurrentQueue<string> Flagged { get; } = new();

    /// <summary>Stores the pair <paramref name="userId"/> gets when opening the app, as the installer page does.</summary>
    public void StoreFrom(EmulatedPortal portal, int userId = 1)
    {
        var issued = portal.IssueTokens(userId);
        _pairs[portal.MemberId] = new PortalTokens(portal.MemberId, portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt);
    }

    public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(_pairs.GetValueOrDefault(memberId));

    public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken) =>
        Task.FromResult(_pairs.AddOrUpdate(memberId, refreshed,
            (_, current) => current.RefreshToken == previousRefreshToken ? refreshed : current));

    public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken)
    {
        Flagged.Enqueue(memberId + ":" + errorCode);
        return Task.CompletedTask;
    }
}
