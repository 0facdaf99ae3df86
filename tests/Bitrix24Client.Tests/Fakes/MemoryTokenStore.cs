using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Auth;

namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>An in-memory <see cref="ITokenStore"/> with real compare-and-swap and a journal of what happened.</summary>
public sealed class MemoryTokenStore : ITokenStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PortalTokens> _tokens = new();

    public ConcurrentQueue<string> Journal { get; } = new();
    public ConcurrentQueue<(string MemberId, string Code)> Attention { get; } = new();
    public int Reads;

    public void Put(PortalTokens tokens)
    {
        lock (_gate) _tokens[tokens.MemberId] = tokens;
    }

    public PortalTokens? Peek(string memberId)
    {
        lock (_gate) return _tokens.GetValueOrDefault(memberId);
    }

    public Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        lock (_gate) return Task.FromResult(_tokens.GetValueOrDefault(memberId));
    }

    public Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_tokens.TryGetValue(memberId, out var current) && current.RefreshToken != previousRefreshToken)
            {
                Journal.Enqueue("cas-lost:" + refreshed.AccessToken);
                return Task.FromResult(current);
            }
            _tokens[memberId] = refreshed;
            Journal.Enqueue("saved:" + refreshed.AccessToken);
            return Task.FromResult(refreshed);
        }
    }

    public Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken)
    {
        Attention.Enqueue((memberId, errorCode));
        return Task.CompletedTask;
    }
}
