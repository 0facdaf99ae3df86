using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// Covers УТ's "do not wait for import confirmation" option, where 1C uploads files and never calls
/// <c>mode=import</c>: once a session has been idle for <see cref="OneCExchangeOptions.AutoImportAfterIdle"/>, its
/// uploaded XML files that the journal does not list yet are imported, classifier and catalogue before offers,
/// prices and rests. Sessions stay on disk until they expire, so a sweep is repeatable and skips what it did.
/// </summary>
public sealed class UnimportedFilesSweeper(
    IDbContextFactory<OneCDbContext> dbFactory,
    UploadStore uploads,
    ArchiveUnpacker unpacker,
    ExchangeFileImporter importer,
    ImportRuns runs,
    IOptions<OneCExchangeOptions> options,
    TimeProvider time,
    ILogger<UnimportedFilesSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
                await RemoveExpiredSessionsAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweeping unimported 1C files failed");
            }
        }
    }

    /// <summary>One pass over idle sessions; returns how many files it imported.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var idleBefore = now - (long)o.AutoImportAfterIdle.TotalMilliseconds;
        var liveAfter = now - (long)o.SessionIdleTimeout.TotalMilliseconds;
        List<ExchangeSessionRecord> sessions;
        Dictionary<string, string> journalFiles;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            sessions = await db.Sessions.AsNoTracking().Where(s => s.LastSeenAt < idleBefore && s.LastSeenAt >= liveAfter).ToListAsync(ct);
            var journalIds = sessions.Select(s => s.JournalId).ToList();
            journalFiles = await db.Journal.AsNoTracking().Where(j => journalIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Files, ct);
        }
        var imported = 0;
        foreach (var session in sessions)
        {
            var directory = uploads.SessionDirectory(session.MemberId, session.Id);
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (var archive in ArchiveUnpacker.PendingArchives(directory))
            {
                try
                {
                    unpacker.Unpack(archive, directory);
                }
                catch (ExchangeRejectedException ex)
                {
                    logger.LogWarning("1C exchange {Journal}: archive {Archive} rejected: {Reason}", session.JournalId, Path.GetFileName(archive), ex.Message);
                    File.Delete(archive);
                }
            }
            var done = journalFiles.TryGetValue(session.JournalId, out var files) && files.Length > 0
                ? files.Split('\n').ToHashSet(StringComparer.Ordinal)
                : [];
            var pending = Directory.EnumerateFiles(directory, "*.xml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Where(name => !done.Contains(name) && !runs.IsRunning(session.Id, name))
                .OrderBy(Rank).ThenBy(name => name, StringComparer.Ordinal)
                .ToList();
            foreach (var name in pending)
            {
                logger.LogInformation("1C exchange {Journal} of {MemberId}: importing {File} without an import request", session.JournalId, session.MemberId, name);
                // Through ImportRuns, so an import request 1C sends meanwhile joins this run instead of starting a second.
                var path = Path.Combine(directory, name.Replace('/', Path.DirectorySeparatorChar));
                await runs.RunOrWaitAsync(session.Id, name, token => importer.ImportAsync(session, path, name, token), Timeout.InfiniteTimeSpan, time, ct);
                imported++;
            }
        }
        return imported;
    }

    /// <summary>Deletes sessions (and their uploads) idle longer than the session timeout, for every portal.</summary>
    public async Task<int> RemoveExpiredSessionsAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.SessionIdleTimeout.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expired = await db.Sessions.Where(s => s.LastSeenAt < cutoff).ToListAsync(ct);
        foreach (var s in expired)
        {
            uploads.DeleteSession(s.MemberId, s.Id);
        }
        db.Sessions.RemoveRange(expired);
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }

    /// <summary>Property packages and the classifier/catalogue first: offers reference their price types and warehouses.</summary>
    private static int Rank(string relativeName)
    {
        var file = Path.GetFileName(relativeName);
        if (relativeName.Contains("properties/", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
        return file switch
        {
            _ when file.StartsWith("import", StringComparison.OrdinalIgnoreCase) => 1,
            _ when file.StartsWith("offers", StringComparison.OrdinalIgnoreCase) => 2,
            _ when file.StartsWith("prices", StringComparison.OrdinalIgnoreCase) => 3,
            _ when file.StartsWith("rests", StringComparison.OrdinalIgnoreCase) => 4,
            _ => 5,
        };
    }
}
