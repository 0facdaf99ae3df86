using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Credentials;

/// <summary>
/// Locks a login and a client IP after repeated failed logins (default 10 → 15 minutes). The counters live in the
/// shared database (<c>onec_login_failures</c>), so with several app instances behind a load balancer a guesser is
/// counted once, not once per instance, and a lockout set by one instance holds on all of them.
/// </summary>
public sealed class LoginThrottle(IDbContextFactory<OneCDbContext> dbFactory, IOptionsMonitor<OneCExchangeOptions> options, TimeProvider time)
{
    /// <summary>When the login or the IP is locked, the moment the lock ends; otherwise null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string? login, string? ip, CancellationToken ct)
    {
        var keys = Keys(login, ip);
        if (keys.Count == 0)
        {
            return null;
        }
        var now = Now();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var until = await db.LoginFailures.AsNoTracking()
            .Where(f => keys.Contains(f.Key) && f.LockedUntil != null && f.LockedUntil > now)
            .MaxAsync(f => f.LockedUntil, ct);
        return until is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task RecordFailureAsync(string? login, string? ip, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var now = Now();
        var lockout = (long)o.LockoutDuration.TotalMilliseconds;
        var max = o.MaxFailedLogins;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var key in Keys(login, ip))
        {
            // One UPDATE per key, atomic on both providers (SET expressions read the old row): a lock that ran out, or
            // failures older than one lockout period, restart the count; reaching the limit sets the lock once.
            var updated = await db.LoginFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.LockedUntil, f =>
                    (f.LockedUntil != null && f.LockedUntil <= now) || (f.LockedUntil == null && f.LastFailureAt < now - lockout)
                        ? (1 >= max ? now + lockout : null)
                        : f.LockedUntil == null && f.Failures + 1 >= max ? now + lockout : f.LockedUntil)
                .SetProperty(f => f.Failures, f =>
                    (f.LockedUntil != null && f.LockedUntil <= now) || (f.LockedUntil == null && f.LastFailureAt < now - lockout)
                        ? 1
                        : f.Failures + 1)
                .SetProperty(f => f.LastFailureAt, now), ct);
            if (updated == 0 && !await TryInsertAsync(key, now, max <= 1 ? now + lockout : null, ct))
            {
                // Another instance inserted the row between our UPDATE and INSERT: count on top of it.
                await db.LoginFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.LockedUntil, f => f.LockedUntil == null && f.Failures + 1 >= max ? now + lockout : f.LockedUntil)
                    .SetProperty(f => f.Failures, f => f.Failures + 1)
                    .SetProperty(f => f.LastFailureAt, now), ct);
            }
        }
        // Stale rows are dropped as failures come in, so spraying random logins cannot grow the table without bound.
        await db.LoginFailures.Where(f => f.LastFailureAt < now - lockout && (f.LockedUntil == null || f.LockedUntil <= now)).ExecuteDeleteAsync(ct);
    }

    public async Task RecordSuccessAsync(string login, string? ip, CancellationToken ct)
    {
        var keys = Keys(login, ip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.LoginFailures.Where(f => keys.Contains(f.Key)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Rows currently tracked (for tests and diagnostics).</summary>
    public async Task<int> TrackedKeysAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.LoginFailures.CountAsync(ct);
    }

    private async Task<bool> TryInsertAsync(string key, long now, long? lockedUntil, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.LoginFailures.Add(new LoginFailureRecord { Key = key, Failures = 1, LastFailureAt = now, LockedUntil = lockedUntil });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The counter row of a login (also removed with the portal's data on uninstall with CLEAN=1).</summary>
    internal static string LoginKey(string login)
    {
        var normalized = login.ToLowerInvariant();
        return "login:" + (normalized.Length > 256 ? normalized[..256] : normalized);
    }

    private static List<string> Keys(string? login, string? ip)
    {
        var keys = new List<string>(2);
        if (!string.IsNullOrEmpty(login))
        {
            // Bounded so an absurd login cannot overflow the key column; the prefix still identifies the guesser.
            keys.Add(LoginKey(login));
        }
        if (!string.IsNullOrEmpty(ip))
        {
            keys.Add("ip:" + ip);
        }
        return keys;
    }
}
