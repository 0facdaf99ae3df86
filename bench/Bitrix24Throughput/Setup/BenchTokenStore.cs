using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Auth;

namespace WineB24.Bench.Bitrix24Throughput.Setup;

/// <summary>
/// The benchmark's <see cref="ITokenStore"/>: in memory (the app's store is its database), with the
/// compare-and-swap the SDK relies on when a long run outlives an access token.
/// </summary>
internal sealed class BenchTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<string, PortalTokens> _tokens = new(StringComparer.OrdinalIgnoreCase);

    public void Put(PortalTokens tokens) => _tokens[tokens.MemberId] = tokens;

    public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.GetValueOrDefault(memberId));

    public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed,
        CancellationToken cancellationToken)
    {
        var current = _tokens.AddOrUpdate(memberId, refreshed,
            (_, stored) => stored.RefreshToken == previousRefreshToken ? refreshed : stored);
        return Task.FromResult(current);
    }

    public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Portal {memberId} needs attention: {errorCode} {description}");
}
