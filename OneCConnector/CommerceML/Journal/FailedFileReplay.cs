using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Journal;

public enum ReplayStatus
{
    Imported,
    Failed,
    NotFound,
    NotKept,
    AlreadyResolved,
    InProgress,
    /// <summary>1C delivered a newer file of the same kind after this one failed; replaying would restore older data.</summary>
    Superseded,
}

/// <summary>What a replay did. <see cref="Outcome"/> is set when the importer ran; <see cref="NewerFile"/> when superseded.</summary>
public sealed record ReplayResult(ReplayStatus Status, ImportOutcome? Outcome = null, string? NewerFile = null, DateTimeOffset? NewerAt = null);

/// <summary>
/// Re-imports a kept failed file through the same importer 1C's files go through (same validation against the
/// portal's current classifier, same idempotent sinks), in a journal row of its own marked as a replay.
/// <para>
/// What replay means: validation runs against today's data, so an offers file rejected for an unknown warehouse or
/// price type goes in once a later classifier declared it, and fails again with the same reason while it is still
/// unknown. But a file is a snapshot of its moment: when 1C has since delivered a newer file of the same kind
/// (offers, prices, rests, import, orders…) that went in, replaying the old one would put older prices and stock
/// back. Such a replay is refused as superseded unless the admin forces it.
/// </para>
/// </summary>
public sealed class FailedFileReplay(FailedFiles files, ExchangeJournal journal, ExchangeFileImporter importer, ImportRuns runs, TimeProvider time)
{
    /// <summary>A claim older than this belongs to an instance that died mid-replay and may be taken over.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromHours(1);

    public async Task<ReplayResult> ReplayAsync(string memberId, string failedId, bool force, CancellationToken ct)
    {
        var failed = await files.FindAsync(memberId, failedId, ct);
        if (failed is null)
        {
            return new ReplayResult(ReplayStatus.NotFound);
        }
        if (failed.Status == FailedFiles.Resolved)
        {
            return new ReplayResult(ReplayStatus.AlreadyResolved);
        }
        if (!failed.Kept)
        {
            return new ReplayResult(ReplayStatus.NotKept);
        }
        if (!force && await NewerOfSameKindAsync(failed, ct) is { } newer)
        {
            return new ReplayResult(ReplayStatus.Superseded, NewerFile: newer.File, NewerAt: newer.At);
        }
        if (!await files.ClaimAsync(memberId, failedId, ClaimTimeout, ct))
        {
            return new ReplayResult(ReplayStatus.InProgress);
        }
        var journalId = await journal.StartReplayAsync(failed, ct);
        // Not persisted: the importer needs the portal, a run key and the journal row; replays have no 1C session.
        var session = new ExchangeSessionRecord
        {
            Id = "replay-" + failed.Id, MemberId = memberId, ExchangeType = failed.ExchangeType, SessId = string.Empty, JournalId = journalId,
        };
        var path = files.CopyPath(memberId, failed.Id);
        // The run outlives the admin's request (closing the page must not cut an import in half) and finishes the item itself.
        var outcome = await runs.RunOrWaitAsync(session.Id, failed.FileName, async token =>
        {
            ImportOutcome result;
            try
            {
                result = await importer.ImportAsync(session, path, failed.FileName, token);
            }
            catch (Exception ex)
            {
                await files.FinishReplayAsync(memberId, failedId, $"Повторная загрузка прервана: {ex.GetType().Name}.", CancellationToken.None);
                await journal.RecordErrorAsync(journalId, failed.FileName, "Повторная загрузка прервана.", CancellationToken.None);
                throw;
            }
            await files.FinishReplayAsync(memberId, failedId, result.Failure, CancellationToken.None);
            await journal.CompleteAsync(journalId, CancellationToken.None);
            return result;
        }, Timeout.InfiniteTimeSpan, time, ct);
        return new ReplayResult(outcome!.Succeeded ? ReplayStatus.Imported : ReplayStatus.Failed, outcome);
    }

    /// <summary>The first file of the same kind that a later 1C session imported without error, if any.</summary>
    private async Task<(string File, DateTimeOffset At)?> NewerOfSameKindAsync(FailedFileRecord failed, CancellationToken ct)
    {
        var kind = FileKind(failed.FileName);
        foreach (var later in await journal.SessionsWithFilesSinceAsync(failed.MemberId, failed.FailedAt, ct))
        {
            var errors = (later.Errors ?? string.Empty).Split('\n');
            foreach (var file in later.Files.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (FileKind(file) == kind && !errors.Any(e => e.StartsWith(file + ": ", StringComparison.Ordinal)))
                {
                    return (file, DateTimeOffset.FromUnixTimeMilliseconds(later.StartedAt));
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The leading letters of the file name: <c>offers0_1.xml</c>, <c>offers___guid.xml</c> → <c>offers</c>;
    /// <c>orders-uuid_1.xml</c> → <c>orders</c>; <c>import.xml</c> → <c>import</c> (1C names files by content, sheet §1.6).
    /// </summary>
    public static string FileKind(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).ToLowerInvariant();
        var length = 0;
        while (length < name.Length && char.IsLetter(name[length]))
        {
            length++;
        }
        return length == 0 ? name : name[..length];
    }
}
