using System.Collections.Concurrent;
using System.Security.Cryptography;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Cloud;

/// <summary>An access token as the cloud knows it.</summary>
public sealed class AccessGrant(string token, EmulatedPortal portal, int userId, DateTimeOffset expiresAt)
{
    public string Token { get; } = token;

    public EmulatedPortal Portal { get; } = portal;

    public int UserId { get; } = userId;

    public DateTimeOffset ExpiresAt { get; internal set; } = expiresAt;

    public bool Revoked { get; internal set; }
}

/// <summary>A refresh token; single use (rotation), revoked on uninstall.</summary>
public sealed class RefreshGrant(string token, EmulatedPortal portal, int userId, DateTimeOffset expiresAt)
{
    public string Token { get; } = token;

    public EmulatedPortal Portal { get; } = portal;

    public int UserId { get; } = userId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Used { get; internal set; }

    public bool Revoked { get; internal set; }
}

/// <summary>A freshly issued OAuth pair.</summary>
public sealed record IssuedTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, int UserId);

/// <summary>All tokens of the cloud (the OAuth server must find a portal by refresh token alone).</summary>
public sealed class TokenRegistry
{
    private readonly ConcurrentDictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private readonly object _rotation = new();

    public IssuedTokens Issue(EmulatedPortal portal, int userId, DateTimeOffset now, TimeSpan accessLifetime, TimeSpan refreshLifetime)
    {
        var access = new AccessGrant(NewToken(), portal, userId, now + accessLifetime);
        var refresh = new RefreshGrant(NewToken(), portal, userId, now + refreshLifetime);
        _access[access.Token] = access;
        _refresh[refresh.Token] = refresh;
        return new IssuedTokens(access.Token, refresh.Token, access.ExpiresAt, userId);
    }

    public AccessGrant? FindAccess(string token) => _access.TryGetValue(token, out var g) ? g : null;

    public RefreshGrant? FindRefresh(string token) => _refresh.TryGetValue(token, out var g) ? g : null;

    /// <summary>Consumes a refresh token atomically: only one concurrent caller wins, the rest see it used.</summary>
    public bool TryConsume(RefreshGrant grant)
    {
        lock (_rotation)
        {
            if (grant.Used || grant.Revoked)
            {
                return false;
            }
            grant.Used = true;
            return true;
        }
    }

    public void ExpireAll(EmulatedPortal portal, DateTimeOffset now)
    {
        foreach (var g in _access.Values.Where(g => g.Portal == portal && g.ExpiresAt > now))
        {
            g.ExpiresAt = now;
        }
    }

    public void RevokeAll(EmulatedPortal portal)
    {
        lock (_rotation)
        {
            foreach (var g in _refresh.Values.Where(g => g.Portal == portal))
            {
                g.Revoked = true;
            }
            foreach (var g in _access.Values.Where(g => g.Portal == portal))
            {
                g.Revoked = true;
            }
        }
    }

    /// <summary>Bitrix24 tokens look like long lower-case hex strings.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(36));
}
