using System.Collections.Concurrent;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Limits;

/// <summary>
/// Keeps each method of one portal under its execution-time budget (sheet §4.2). Learns <c>time.operating</c> and
/// <c>operating_reset_at</c> from every answer (batch: per nested command) and tells a caller how long to wait
/// before the next call of that method: nothing below the throttle fraction, a growing share of the time left
/// until the reset above it, and until the reset at the budget or after a 429. Portals that do not send these
/// fields (on-premise) are never delayed, except after an actual 429.
/// </summary>
internal sealed class OperatingGovernor
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _fallbackWait;
    private readonly Func<PortalLimits> _limits;
    private readonly ConcurrentDictionary<string, MethodState> _methods = new(StringComparer.OrdinalIgnoreCase);

    public OperatingGovernor(Func<PortalLimits> limits, TimeProvider time, TimeSpan fallbackWait)
    {
        _limits = limits;
        _time = time;
        _fallbackWait = fallbackWait;
    }

    public void Observe(string method, ResponseTime? time)
    {
        if (time?.Operating is not { } operating) return;
        DateTimeOffset? resetAt = time.OperatingResetAt is { } r ? DateTimeOffset.FromUnixTimeSeconds(r) : null;
        var state = _methods.GetOrAdd(method, _ => new MethodState());
        lock (state)
        {
            state.Operating = operating;
            state.ResetAt = resetAt;
        }
    }

    /// <summary>The portal refused the method with OPERATION_TIME_LIMIT: hold it until the reset.</summary>
    public void Block(string method)
    {
        var state = _methods.GetOrAdd(method, _ => new MethodState());
        var now = _time.GetUtcNow();
        lock (state)
        {
            var until = state.ResetAt is { } reset && reset > now ? reset : now + _fallbackWait;
            if (state.BlockedUntil is null || state.BlockedUntil < until) state.BlockedUntil = until;
        }
    }

    public TimeSpan DelayFor(string method)
    {
        if (!_methods.TryGetValue(method, out var state)) return TimeSpan.Zero;
        var now = _time.GetUtcNow();
        var limits = _limits();
        lock (state)
        {
            if (state.BlockedUntil is { } blocked)
            {
                if (blocked > now) return blocked - now;
                state.BlockedUntil = null;
            }
            if (state.Operating is not { } operating) return TimeSpan.Zero;
            if (state.ResetAt is { } reset && reset <= now)
            {
                // The oldest minute expired; how much budget came back is unknown until the next answer.
                state.Operating = null;
                state.ResetAt = null;
                return TimeSpan.Zero;
            }
            var budget = limits.OperatingBudgetSeconds;
            var threshold = budget * limits.OperatingThrottleFraction;
            if (operating >= budget)
                return state.ResetAt is { } r ? r - now : _fallbackWait;
            if (operating < threshold || state.ResetAt is not { } resetAt) return TimeSpan.Zero;
            var share = (operating - threshold) / Math.Max(budget - threshold, 1e-9);
            return TimeSpan.FromTicks((long)((resetAt - now).Ticks * share));
        }
    }

    private sealed class MethodState
    {
        public double? Operating;
        public DateTimeOffset? ResetAt;
        public DateTimeOffset? BlockedUntil;
    }
}
