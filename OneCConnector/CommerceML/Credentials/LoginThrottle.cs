using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WineB24.OneCConnector.CommerceML.Credentials;

/// <summary>
/// Locks a login and a client IP after repeated failed logins (default 10 → 15 minutes). Kept in memory: with
/// several app instances each counts on its own, which still bounds guessing per instance.
/// </summary>
public sealed class LoginThrottle(IOptionsMonitor<OneCExchangeOptions> options, TimeProvider time)
{
    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset? LockedUntil;
    }

    /// <summary>Above this many tracked keys, stale ones are dropped so spraying random logins cannot grow memory without bound.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    /// <summary>When the login or the IP is locked, the moment the lock ends; otherwise null.</summary>
    public DateTimeOffset? LockedUntil(string? login, string? ip)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        foreach (var key in Keys(login, ip))
        {
            if (counters.TryGetValue(key, out var c))
            {
                lock (c)
                {
                    if (c.LockedUntil is { } l && l > now && (until is null || l > until))
                    {
                        until = l;
                    }
                }
            }
        }
        return until;
    }

    public void RecordFailure(string? login, string? ip)
    {
        var now = time.GetUtcNow();
        var o = options.CurrentValue;
        foreach (var key in Keys(login, ip))
        {
            var c = counters.GetOrAdd(key, _ => new Counter());
            lock (c)
            {
                // A lock that ran out, or failures older than one lockout period, start the count afresh.
                if (c.LockedUntil is { } l ? l <= now : now - c.LastFailure > o.LockoutDuration)
                {
                    c.LockedUntil = null;
                    c.Failures = 0;
                }
                c.Failures++;
                c.LastFailure = now;
                if (c.Failures >= o.MaxFailedLogins)
                {
                    c.LockedUntil = now + o.LockoutDuration;
                }
            }
        }
        if (counters.Count > PruneAbove)
        {
            Prune(now, o.LockoutDuration);
        }
    }

    private void Prune(DateTimeOffset now, TimeSpan lockout)
    {
        foreach (var (key, c) in counters)
        {
            bool stale;
            lock (c)
            {
                stale = (c.LockedUntil is null || c.LockedUntil <= now) && now - c.LastFailure > lockout;
            }
            if (stale)
            {
                counters.TryRemove(key, out _);
            }
        }
    }

    public int TrackedKeys => counters.Count;

    public void RecordSuccess(string login, string? ip)
    {
        foreach (var key in Keys(login, ip))
        {
            counters.TryRemove(key, out _);
        }
    }

    private static IEnumerable<string> Keys(string? login, string? ip)
    {
        if (!string.IsNullOrEmpty(login))
        {
            yield return "login:" + login.ToLowerInvariant();
        }
        if (!string.IsNullOrEmpty(ip))
        {
            yield return "ip:" + ip;
        }
    }
}
