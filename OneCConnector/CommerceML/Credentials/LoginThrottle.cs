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
        public DateTimeOffset? LockedUntil;
    }

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
                if (c.LockedUntil is { } l && l <= now)
                {
                    c.LockedUntil = null;
                    c.Failures = 0;
                }
                c.Failures++;
                if (c.Failures >= o.MaxFailedLogins)
                {
                    c.LockedUntil = now + o.LockoutDuration;
                }
            }
        }
    }

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
