using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Credentials;

/// <summary>A login/password pair shown once to the portal admin, to be entered in 1C's exchange node settings.</summary>
public sealed record IssuedCredentials(string MemberId, string Login, string Password);

/// <summary>Result of checking HTTP Basic credentials; <see cref="Failure"/> is a Russian sentence for 1C's log.</summary>
public sealed record AuthenticationResult(string? MemberId, string? Failure)
{
    public bool Succeeded => MemberId is not null;
}

/// <summary>
/// Per-portal exchange credentials. The login selects the portal. Configured credentials
/// (<c>OneC:Portals:{member_id}</c>) take precedence over generated ones stored as PBKDF2 hashes.
/// </summary>
public sealed class ExchangeCredentials(
    IDbContextFactory<OneCDbContext> dbFactory,
    IOptionsMonitor<OneCExchangeOptions> options,
    LoginThrottle throttle,
    TimeProvider time)
{
    /// <summary>
    /// 1C sends Basic credentials on every request (hundreds per run); a verified pair is remembered as a keyed digest
    /// together with the stored hash it was checked against, so PBKDF2 runs once per run, not per chunk. Every request
    /// still reads the login's row (one indexed lookup): a rotation or revocation made on any app instance changes or
    /// removes that row, and the remembered pair stops matching at once on every instance.
    /// </summary>
    private readonly byte[] cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (byte[] Digest, string MemberId, string StoredHash)> verified = new(StringComparer.Ordinal);

    private const string LoginAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Creates credentials for a portal, or rotates the password (keeping the login) when they exist.</summary>
    public async Task<IssuedCredentials> IssueAsync(string memberId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, 24);
        var (hash, salt) = PasswordHash.Create(password);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Credentials.SingleOrDefaultAsync(c => c.MemberId == memberId, cancellationToken);
        if (record is null)
        {
            record = new ExchangeCredentialRecord
            {
                MemberId = memberId,
                Login = "wine-" + RandomNumberGenerator.GetString(LoginAlphabet, 10),
                PasswordHash = hash,
                PasswordSalt = salt,
            };
            db.Credentials.Add(record);
        }
        record.PasswordHash = hash;
        record.PasswordSalt = salt;
        record.Iterations = PasswordHash.Iterations;
        record.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        Forget(memberId);
        return new IssuedCredentials(memberId, record.Login, password);
    }

    /// <summary>The login a portal's 1C should use (configured or generated), or null when none exists yet.</summary>
    public async Task<string?> FindLoginAsync(string memberId, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Portals.TryGetValue(memberId, out var configured))
        {
            return configured.Login;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Credentials.Where(c => c.MemberId == memberId).Select(c => c.Login).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task RevokeAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Credentials.Where(c => c.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        Forget(memberId);
    }

    /// <summary>Drops this instance's remembered pairs at once; other instances notice the changed row on the next request.</summary>
    private void Forget(string memberId)
    {
        foreach (var (login, entry) in verified)
        {
            if (entry.MemberId == memberId)
            {
                verified.TryRemove(login, out _);
            }
        }
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? login, string? password, string? clientIp, CancellationToken cancellationToken)
    {
        if (await throttle.LockedUntilAsync(login, clientIp, cancellationToken) is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
            return new AuthenticationResult(null, $"Слишком много неудачных попыток входа. Повторите через {minutes} мин.");
        }
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(password))
        {
            return new AuthenticationResult(null, "Требуется авторизация (HTTP Basic): укажите логин и пароль обмена.");
        }
        var memberId = await VerifyAsync(login, password, cancellationToken);
        if (memberId is null)
        {
            await throttle.RecordFailureAsync(login, clientIp, cancellationToken);
            return new AuthenticationResult(null, "Неверный логин или пароль обмена.");
        }
        await throttle.RecordSuccessAsync(login, clientIp, cancellationToken);
        return new AuthenticationResult(memberId, null);
    }

    private async Task<string?> VerifyAsync(string login, string password, CancellationToken cancellationToken)
    {
        foreach (var (memberId, configured) in options.CurrentValue.Portals)
        {
            if (string.Equals(configured.Login, login, StringComparison.OrdinalIgnoreCase))
            {
                return PasswordHash.PlainEquals(configured.Password, password) ? memberId : null;
            }
        }
        var key = login.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Login == key, cancellationToken);
        if (record is null)
        {
            verified.TryRemove(key, out _);
            // Spend the same work as a real check so response time does not reveal which logins exist.
            PasswordHash.Verify(password, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAA==", PasswordHash.Iterations);
            return null;
        }
        var digest = HMACSHA256.HashData(cacheKey, Encoding.UTF8.GetBytes(password));
        if (verified.TryGetValue(key, out var cached)
            && string.Equals(cached.StoredHash, record.PasswordHash, StringComparison.Ordinal)
            && cached.MemberId == record.MemberId
            && CryptographicOperations.FixedTimeEquals(cached.Digest, digest))
        {
            return record.MemberId;
        }
        if (!PasswordHash.Verify(password, record.PasswordHash, record.PasswordSalt, record.Iterations))
        {
            return null;
        }
        verified[key] = (digest, record.MemberId, record.PasswordHash);
        return record.MemberId;
    }
}
