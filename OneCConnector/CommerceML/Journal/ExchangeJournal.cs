using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Journal;

/// <summary>One line per exchange session: files, counts, changes, duration and errors (for the settings page and support).</summary>
public sealed class ExchangeJournal(IDbContextFactory<OneCDbContext> dbFactory, TimeProvider time)
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

    /// <summary>Adds a file's outcome; a failure marks the session failed and keeps the reason.</summary>
    public async Task RecordFileAsync(string journalId, string fileName, ImportCounts counts, int changes, string? error, CancellationToken ct)
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
    }

    /// <summary>A protocol-level failure not tied to one parsed file (broken archive, oversize upload).</summary>
    public Task RecordErrorAsync(string journalId, string fileName, string error, CancellationToken ct) =>
        RecordFileAsync(journalId, fileName, ImportCounts.Empty, 0, error, ct);

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

    public async Task<IReadOnlyList<ExchangeJournalRecord>> RecentAsync(string memberId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Journal.AsNoTracking().Where(j => j.MemberId == memberId).OrderByDescending(j => j.StartedAt).Take(take).ToListAsync(ct);
    }
}
