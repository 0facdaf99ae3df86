using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Limits;

namespace WineB24.Bitrix24Client.Calls;

/// <summary>
/// What all callers of one portal share inside this process: the rate bucket, the operating-time governor, the
/// refresh lock (single-flight refresh), the "needs attention" mark and endpoint moves learnt from 302s.
/// </summary>
internal sealed class PortalSession
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Uri> _moves = new(StringComparer.OrdinalIgnoreCase);
    private volatile DeadPair? _dead;

    public PortalSession(PortalLimits limits, TimeProvider time, TimeSpan operatingFallbackWait)
    {
        _time = time;
        Bucket = new RequestBucket(limits, time);
        Governor = new OperatingGovernor(() => Bucket.Limits, time, operatingFallbackWait);
    }

    public RequestBucket Bucket { get; }
    public OperatingGovernor Governor { get; }
    public SemaphoreSlim RefreshLock { get; } = new(1, 1);

    /// <summary>Waits until every given method may run and then for a slot in the portal's bucket.</summary>
    public async Task WaitForTurnAsync(IReadOnlyCollection<string> methods, CancellationToken ct)
    {
        // One governor wait per attempt: re-asking after the wait would shrink the throttle delay towards the
        // reset forever. A refusal that still comes is handled by the limit retry.
        var wait = TimeSpan.Zero;
        foreach (var method in methods)
        {
            var d = Governor.DelayFor(method);
            if (d > wait) wait = d;
        }
        await DelayAsync(wait, ct).ConfigureAwait(false);
        // The bucket decides on the clock, not on the timer: a wake-up that comes early simply asks again.
        var slot = Bucket.Reserve();
        for (var left = Bucket.TryRelease(slot); left > TimeSpan.Zero; left = Bucket.TryRelease(slot))
            await Task.Delay(WholeMilliseconds(left), _time, ct).ConfigureAwait(false);
    }

    private Task DelayAsync(TimeSpan wait, CancellationToken ct)
    {
        if (wait < TimeSpan.FromMilliseconds(1)) return Task.CompletedTask;
        return Task.Delay(WholeMilliseconds(wait), _time, ct);
    }

    /// <summary>Rounds up to whole milliseconds (at least one): timers do not resolve finer.</summary>
    private static TimeSpan WholeMilliseconds(TimeSpan wait) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));

    public void MarkDead(PortalTokens tokens, string code, string description) =>
        _dead = new DeadPair(tokens.AccessToken, tokens.RefreshToken, code, description);

    /// <summary>The recorded failure when <paramref name="tokens"/> is the pair already known to be dead.</summary>
    public (string Code, string Description)? DeadReason(PortalTokens tokens)
    {
        var dead = _dead;
        if (dead is null) return null;
        if (dead.AccessToken == tokens.AccessToken && dead.RefreshToken == tokens.RefreshToken) return (dead.Code, dead.Description);
        _dead = null; // an admin reinstalled or reopened the app: the store holds a new pair
        return null;
    }

    public void RecordMove(Uri from, Uri to) => _moves[from.ToString()] = to;

    public Uri Resolve(Uri endpoint) => _moves.TryGetValue(endpoint.ToString(), out var moved) ? moved : endpoint;

    private sealed record DeadPair(string AccessToken, string RefreshToken, string Code, string Description);
}
