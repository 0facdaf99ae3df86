using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>
/// Exchange sessions, persisted so a run survives an app restart and works across instances. The cookie value
/// never rotates: 1C replays only the one it got from <c>checkauth</c>. Idle sessions expire.
/// </summary>
public sealed class ExchangeSessions(
    IDbContextFactory<OneCDbContext> dbFactory,
    IOptions<OneCExchangeOptions> options,
    ExchangeJournal journal,
    UploadStore uploads,
    TimeProvider time)
{
    public async Task<ExchangeSessionRecord> StartAsync(string memberId, string exchangeType, CancellationToken ct)
    {
        await RemoveExpiredAsync(memberId, ct);
        var id = Base64Url(RandomNumberGenerator.GetBytes(24));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var record = new ExchangeSessionRecord
        {
            Id = id, MemberId = memberId, ExchangeType = exchangeType, SessId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CreatedAt = now, LastSeenAt = now, JournalId = await journal.StartAsync(memberId, id, exchangeType, ct),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Sessions.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The live session of this portal with this cookie value, touched; null when unknown, foreign or expired.</summary>
    public async Task<ExchangeSessionRecord?> FindAsync(string memberId, string? cookieValue, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(cookieValue) || cookieValue.Length > 64)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Sessions.SingleOrDefaultAsync(s => s.Id == cookieValue && s.MemberId == memberId, ct);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (record is null || now - record.LastSeenAt > (long)options.Value.SessionIdleTimeout.TotalMilliseconds)
        {
            return null;
        }
        record.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task UpdateAsync(string sessionId, Action<ExchangeSessionRecord> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Sessions.SingleAsync(s => s.Id == sessionId, ct);
        change(record);
        await db.SaveChangesAsync(ct);
    }

    private async Task RemoveExpiredAsync(string memberId, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.SessionIdleTimeout.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expired = await db.Sessions.Where(s => s.MemberId == memberId && s.LastSeenAt < cutoff).ToListAsync(ct);
        foreach (var s in expired)
        {
            uploads.DeleteSession(memberId, s.Id);
        }
        db.Sessions.RemoveRange(expired);
        await db.SaveChangesAsync(ct);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
