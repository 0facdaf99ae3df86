using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Journal;

/// <summary>
/// Files whose import failed, kept per portal with their reason so an admin can replay them. Copies live in
/// <c>{ExchangeRoot}/{member_id}/failed/{id}</c>, outside the session directory that expires with the session, within
/// <see cref="OneCExchangeOptions.FailedFilesMaxBytesPerPortal"/> (oldest copies are dropped first).
/// </summary>
public sealed class FailedFiles(
    IDbContextFactory<OneCDbContext> dbFactory,
    UploadStore uploads,
    IOptions<OneCExchangeOptions> options,
    TimeProvider time,
    ILogger<FailedFiles> logger)
{
    public const string Failed = "failed";
    public const string Replaying = "replaying";
    public const string Resolved = "resolved";

    /// <summary>Records a failed file of a 1C session and keeps a copy when it fits the portal's budget.</summary>
    public async Task RetainAsync(ExchangeJournalRecord session, string fileName, string reason, CancellationToken ct)
    {
        var source = SourcePath(session, fileName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The same file failing again in the same session (1C repeats mode=import) stays one item.
        var record = await db.FailedFiles.SingleOrDefaultAsync(f => f.MemberId == session.MemberId && f.SessionId == session.SessionId
            && f.FileName == fileName && f.Status != Resolved, ct);
        if (record is null)
        {
            record = new FailedFileRecord
            {
                Id = Guid.NewGuid().ToString("N"), MemberId = session.MemberId, SessionId = session.SessionId, JournalId = session.Id,
                ExchangeType = session.ExchangeType, FileName = fileName, Reason = reason, Status = Failed,
            };
            db.FailedFiles.Add(record);
        }
        record.Reason = reason;
        record.FailedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        var bytes = source is null ? -1 : new FileInfo(source).Length;
        record.Kept = bytes >= 0 && bytes <= options.Value.FailedFilesMaxBytesPerPortal
            && await MakeRoomAsync(db, session.MemberId, record.Id, bytes, ct)
            && Copy(source!, CopyPath(session.MemberId, record.Id));
        record.Bytes = Math.Max(0, bytes);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A file that failed and then went in within the same session (1C retried it) needs no replay.</summary>
    public async Task ResolveRetriedAsync(ExchangeJournalRecord session, string fileName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.FailedFiles.SingleOrDefaultAsync(f => f.MemberId == session.MemberId && f.SessionId == session.SessionId
            && f.FileName == fileName && f.Status == Failed, ct);
        if (record is not null)
        {
            MarkResolved(record);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The portal's failed files, newest first (open ones and those resolved since).</summary>
    public async Task<IReadOnlyList<FailedFileRecord>> ListAsync(string memberId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FailedFiles.AsNoTracking().Where(f => f.MemberId == memberId)
            .OrderByDescending(f => f.FailedAt).Take(take).ToListAsync(ct);
    }

    public async Task<FailedFileRecord?> FindAsync(string memberId, string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FailedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.MemberId == memberId && f.Id == id, ct);
    }

    /// <summary>
    /// Takes the item for one replay across all app instances (a conditional UPDATE only one can win). A claim left
    /// by an instance that died is taken over after <paramref name="staleAfter"/>.
    /// </summary>
    public async Task<bool> ClaimAsync(string memberId, string id, TimeSpan staleAfter, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var staleBefore = now - (long)staleAfter.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FailedFiles
            .Where(f => f.MemberId == memberId && f.Id == id && f.Kept
                && (f.Status == Failed || (f.Status == Replaying && f.ReplayStartedAt < staleBefore)))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, Replaying).SetProperty(f => f.ReplayStartedAt, now), ct) == 1;
    }

    /// <summary>Ends a replay: success resolves the item and frees its copy; failure keeps it with the new reason.</summary>
    public async Task FinishReplayAsync(string memberId, string id, string? failure, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.FailedFiles.SingleAsync(f => f.MemberId == memberId && f.Id == id, ct);
        record.Attempts++;
        if (failure is null)
        {
            MarkResolved(record);
        }
        else
        {
            record.Status = Failed;
            record.Reason = failure;
        }
        await db.SaveChangesAsync(ct);
    }

    public string CopyPath(string memberId, string id) => Path.Combine(uploads.PortalDirectory(memberId), "failed", id);

    private void MarkResolved(FailedFileRecord record)
    {
        record.Status = Resolved;
        record.ResolvedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (record.Kept)
        {
            File.Delete(CopyPath(record.MemberId, record.Id));
            record.Kept = false;
        }
    }

    /// <summary>Drops the oldest kept copies of the portal until <paramref name="bytes"/> more fit the budget.</summary>
    private async Task<bool> MakeRoomAsync(OneCDbContext db, string memberId, string exceptId, long bytes, CancellationToken ct)
    {
        var budget = options.Value.FailedFilesMaxBytesPerPortal;
        var kept = await db.FailedFiles.Where(f => f.MemberId == memberId && f.Kept && f.Id != exceptId).OrderBy(f => f.FailedAt).ToListAsync(ct);
        var used = kept.Sum(f => f.Bytes);
        foreach (var oldest in kept)
        {
            if (used + bytes <= budget)
            {
                break;
            }
            File.Delete(CopyPath(memberId, oldest.Id));
            oldest.Kept = false;
            used -= oldest.Bytes;
        }
        return used + bytes <= budget;
    }

    private bool Copy(string source, string target)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return true;
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not keep a copy of a failed 1C file");
            return false;
        }
    }

    /// <summary>The uploaded file the journal names, or null when it is gone (a protocol failure left nothing usable).</summary>
    private string? SourcePath(ExchangeJournalRecord session, string fileName)
    {
        try
        {
            var path = uploads.Resolve(session.MemberId, session.SessionId, fileName);
            return File.Exists(path) ? path : null;
        }
        catch (ExchangeRejectedException)
        {
            return null;
        }
    }
}
