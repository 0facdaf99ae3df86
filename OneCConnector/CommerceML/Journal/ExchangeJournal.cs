using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Journal;

/// <summary>One line per exchange session: files, counts, changes, duration and errors (for the settings page and support).</summary>
public sealed class ExchangeJournal(IDbContextFactory<OneCDbContext> dbFactory, FailedFiles failedFiles, TimeProvider time)
{
    public const string Running = "running";
    public const string Succeeded = "success";
    public const string Failed = "failed";
    public const string Completed = "completed";

    public async Task<string> StartAsync(string memberId, string sessionId, string exchangeType, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = new ExchangeJournalRecord
        {
            Id = Guid.NewGuid().ToString("N"), MemberId = memberId, SessionId = sessionId, ExchangeType = exchangeType,
            StartedAt = time.GetUtcNow().ToUnixTimeMilliseconds(), Status = Running,
        };
        db.Journal.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    /// <summary>A journal row for an admin's replay of a failed file; it does not count as a 1C exchange.</summary>
    public async Task<string> StartReplayAsync(FailedFileRecord failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = new ExchangeJournalRecord
        {
            Id = Guid.NewGuid().ToString("N"), MemberId = failed.MemberId, SessionId = "replay-" + failed.Id, ExchangeType = failed.ExchangeType,
            StartedAt = time.GetUtcNow().ToUnixTimeMilliseconds(), Status = Running, ReplayOf = failed.Id,
        };
        db.Journal.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    /// <summary>
    /// Adds a file's outcome; a failure marks the session failed and keeps the reason. A file of a 1C session that
    /// failed to import is also kept for replay; one that went in after failing earlier in the session is resolved.
    /// </summary>
    public Task RecordFileAsync(string journalId, string fileName, ImportCounts counts, int changes, string? error, CancellationToken ct,
        IReadOnlyList<string>? warnings = null) =>
        RecordAsync(journalId, fileName, counts, changes, error, importedFile: true, ct, warnings);

    private async Task RecordAsync(string journalId, string fileName, ImportCounts counts, int changes, string? error, bool importedFile, CancellationToken ct,
        IReadOnlyList<string>? warnings = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Journal.SingleOrDefaultAsync(j => j.Id == journalId, ct);
        if (record is null)
        {
            return;
        }
        record.Files = string.IsNullOrEmpty(record.Files) ? fileName : record.Files + "\n" + fileName;
        record.Products += counts.Products;
        record.Offers += counts.Offers;
        record.Prices += counts.Prices;
        record.Stocks += counts.Stocks;
        record.Documents += counts.Documents;
        record.Counterparties += counts.Counterparties;
        record.Changes += changes;
        record.FinishedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var warning in warnings ?? [])
        {
            // Kept next to errors (the settings page shows that column) without failing the session: the file went in.
            record.Errors = string.IsNullOrEmpty(record.Errors) ? $"{fileName}: {warning}" : record.Errors + "\n" + $"{fileName}: {warning}";
        }
        if (error is not null)
        {
            record.Errors = string.IsNullOrEmpty(record.Errors) ? $"{fileName}: {error}" : record.Errors + "\n" + $"{fileName}: {error}";
            record.Status = Failed;
        }
        else if (record.Status == Running)
        {
            record.Status = Succeeded;
        }
        await db.SaveChangesAsync(ct);
        // Replays are tracked by FailedFileReplay itself; mode=query rows are no file.
        if (importedFile && record.ReplayOf is null)
        {
            await (error is null ? failedFiles.ResolveRetriedAsync(record, fileName, ct) : failedFiles.RetainAsync(record, fileName, error, ct));
        }
    }

    /// <summary>A protocol-level failure not tied to one parsed file (broken archive, oversize upload): nothing to replay.</summary>
    public Task RecordErrorAsync(string journalId, string fileName, string error, CancellationToken ct) =>
        RecordAsync(journalId, fileName, ImportCounts.Empty, 0, error, importedFile: false, ct);

    /// <summary>The answer to <c>mode=query</c>: orders served, no file imported.</summary>
    public Task RecordQueryAsync(string journalId, int documents, CancellationToken ct) =>
        RecordAsync(journalId, "mode=query", ImportCounts.Empty with { Documents = documents }, 0, null, importedFile: false, ct);

    /// <summary>
    /// Adds what a background step applied later for a session's files (the sale inbox writes into Bitrix24 after 1C
    /// got its answer): changes are added, problems appended to the row's errors. The status is left alone — the
    /// files went in; what was held back waits in the review list. False when the session's row is gone.
    /// </summary>
    public async Task<bool> RecordAppliedAsync(string memberId, string sessionId, int changes, IReadOnlyList<string> problems, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Journal.Where(j => j.MemberId == memberId && j.SessionId == sessionId).OrderByDescending(j => j.StartedAt).FirstOrDefaultAsync(ct);
        if (record is null)
        {
            return false;
        }
        record.Changes += changes;
        foreach (var problem in problems.Where(p => record.Errors?.Contains(p, StringComparison.Ordinal) != true))
        {
            record.Errors = string.IsNullOrEmpty(record.Errors) ? problem : record.Errors + "\n" + problem;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A sink queued <paramref name="work"/> for the session's data. Call it after the work is durable and before the
    /// signal that wakes the background step: a drain that starts later then covers it, one that started earlier not.
    /// </summary>
    public async Task MarkAwaitingAsync(string memberId, string sessionId, Bitrix24Work work, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Journal.Where(j => j.MemberId == memberId && j.SessionId == sessionId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.AwaitingBitrix24, j => j.AwaitingBitrix24 | (int)work)
            .SetProperty(j => j.AwaitingSince, now)
            .SetProperty(j => j.AppliedAt, (long?)null), ct);
    }

    /// <summary>
    /// Portals with sessions waiting for <paramref name="work"/>. Asked on every sale inbox pass, so it seeks the few
    /// waiting rows through <c>ix_onec_journal_awaiting</c> instead of scanning the whole journal.
    /// </summary>
    public async Task<IReadOnlyList<string>> PortalsAwaitingAsync(Bitrix24Work work, CancellationToken ct)
    {
        var flag = (int)work;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Journal.Where(j => j.AwaitingBitrix24 > 0 && (j.AwaitingBitrix24 & flag) != 0).Select(j => j.MemberId).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// A background step drained the portal's <paramref name="work"/> queued up to <paramref name="queuedUpToUnixMs"/>
    /// (it started then, or nothing older is left): sessions waiting only on it are now in Bitrix24 (<c>applied_at</c>).
    /// </summary>
    public async Task MarkAppliedAsync(string memberId, Bitrix24Work work, long queuedUpToUnixMs, CancellationToken ct)
    {
        var flag = (int)work;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Journal
            .Where(j => j.MemberId == memberId && j.AwaitingBitrix24 > 0 && (j.AwaitingBitrix24 & flag) != 0 && j.AwaitingSince <= queuedUpToUnixMs)
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var row in rows)
        {
            row.AwaitingBitrix24 &= ~flag;
            if (row.AwaitingBitrix24 == 0)
            {
                row.AppliedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The portal's oldest session still waiting for Bitrix24 (for "the CRM is N minutes behind 1C").</summary>
    public async Task<ExchangeJournalRecord?> OldestAwaitingAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Journal.AsNoTracking().Where(j => j.AwaitingBitrix24 > 0 && j.MemberId == memberId)
            .OrderBy(j => j.AwaitingSince).FirstOrDefaultAsync(ct);
    }

    public async Task CompleteAsync(string journalId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Journal.SingleOrDefaultAsync(j => j.Id == journalId, ct);
        if (record is null)
        {
            return;
        }
        record.FinishedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (record.Status != Failed)
        {
            record.Status = Completed;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The portal's last successful 1C exchange (a file went in clean, or the session completed clean); replays by an
    /// admin do not count. One index seek per status on (member_id, status, started_at), however long the journal.
    /// </summary>
    public async Task<ExchangeJournalRecord?> LastSuccessAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ExchangeJournalRecord? last = null;
        foreach (var status in new[] { Succeeded, Completed })
        {
            var candidate = await db.Journal.AsNoTracking()
                .Where(j => j.MemberId == memberId && j.Status == status && j.ReplayOf == null)
                .OrderByDescending(j => j.StartedAt).FirstOrDefaultAsync(ct);
            if (candidate is not null && (last is null || candidate.StartedAt > last.StartedAt))
            {
                last = candidate;
            }
        }
        return last;
    }

    /// <summary>1C sessions (not replays) of the portal that handled files and started after <paramref name="afterUnixMs"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ExchangeJournalRecord>> SessionsWithFilesSinceAsync(string memberId, long afterUnixMs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Journal.AsNoTracking()
            .Where(j => j.MemberId == memberId && j.StartedAt > afterUnixMs && j.ReplayOf == null && j.Files != "")
            .OrderBy(j => j.StartedAt).ToListAsync(ct);
    }

    /// <summary>
    /// Errors of background work that follows an exchange (e.g. the push of the catalogue to Bitrix24), as their own
    /// failed journal row of <paramref name="exchangeType"/>: no files, so it never counts as a 1C exchange, a success
    /// or a newer snapshot. The same errors again (a retry that failed the same way) only move the newest such row's
    /// finish time, so a sweep every minute does not flood the journal.
    /// </summary>
    public async Task RecordBackgroundErrorsAsync(string memberId, string exchangeType, IReadOnlyList<string> errors, CancellationToken ct)
    {
        if (errors.Count == 0)
        {
            return;
        }
        var text = string.Join("\n", errors.Select(e => e.ReplaceLineEndings(" ")));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.Journal.Where(j => j.MemberId == memberId && j.ExchangeType == exchangeType)
            .OrderByDescending(j => j.StartedAt).FirstOrDefaultAsync(ct);
        if (last is not null && last.Errors == text)
        {
            last.FinishedAt = now;
        }
        else
        {
            db.Journal.Add(new ExchangeJournalRecord
            {
                Id = Guid.NewGuid().ToString("N"), MemberId = memberId, SessionId = exchangeType + "-" + Guid.NewGuid().ToString("N"),
                ExchangeType = exchangeType, StartedAt = now, FinishedAt = now, Status = Failed, Errors = text,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ExchangeJournalRecord>> RecentAsync(string memberId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Journal.AsNoTracking().Where(j => j.MemberId == memberId).OrderByDescending(j => j.StartedAt).Take(take).ToListAsync(ct);
    }
}
