using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// Imports one uploaded file in two passes: first the whole file is parsed and validated (nothing is applied if it
/// is malformed, truncated, in a wrong encoding or references unknown price types or warehouses), then the sinks
/// apply it from a second streaming pass. The outcome is written to the exchange journal.
/// </summary>
public sealed class ExchangeFileImporter(
    IEnumerable<ICatalogImportSink> catalogSinks,
    IEnumerable<IOrderImportSink> orderSinks,
    IEnumerable<IImportRule> rules,
    IDbContextFactory<OneCDbContext> dbFactory,
    ExchangeJournal journal,
    IOptions<OneCExchangeOptions> options,
    ILogger<ExchangeFileImporter> logger)
{
    public async Task<ImportOutcome> ImportAsync(ExchangeSessionRecord session, string fullPath, string fileName, CancellationToken ct)
    {
        var outcome = await RunAsync(session, fullPath, fileName, ct);
        await journal.RecordFileAsync(session.JournalId, fileName, outcome.Counts, outcome.Changes, outcome.Failure, CancellationToken.None, outcome.Warnings);
        if (outcome.Succeeded)
        {
            logger.LogInformation("1C import {File} for {MemberId}: {Counts}, {Changes} changes", fileName, session.MemberId, outcome.Counts, outcome.Changes);
        }
        else
        {
            logger.LogWarning("1C import {File} for {MemberId} failed: {Reason}", fileName, session.MemberId, outcome.Failure);
        }
        return outcome;
    }

    private async Task<ImportOutcome> RunAsync(ExchangeSessionRecord session, string fullPath, string fileName, CancellationToken ct)
    {
        var limits = CommerceMLReaderLimits.Default with { MaxRecordCharacters = options.Value.MaxRecordCharacters };
        IEnumerable<CommerceMLRecord> Records() => CommerceMLReader.Read(fullPath, limits);

        var counts = ImportCounts.Empty;
        try
        {
            var validation = await LoadValidationAsync(session.MemberId, ct);
            // The whole file is checked even after a problem, so 1C's one failure line can say how many more to fix.
            string? firstProblem = null;
            var moreProblems = 0;
            foreach (var record in Records())
            {
                ct.ThrowIfCancellationRequested();
                if (validation.Check(record) is { } problem)
                {
                    if (firstProblem is null)
                    {
                        firstProblem = problem;
                    }
                    else
                    {
                        moreProblems++;
                    }
                }
                counts = counts.Add(record);
            }
            if (firstProblem is not null)
            {
                var more = moreProblems == 0 ? "" : $" Ещё ошибок в файле: {moreProblems}.";
                return new ImportOutcome(fileName, counts, 0, $"Файл «{fileName}» не загружен: {firstProblem}{more}");
            }
        }
        catch (CommerceMLFormatException ex)
        {
            return new ImportOutcome(fileName, counts, 0, $"Файл «{fileName}»: {ex.Message}");
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "1C import {File}: read error", fileName);
            return new ImportOutcome(fileName, counts, 0, $"Файл «{fileName}» не удалось прочитать.");
        }

        var batch = new ImportBatch(session.MemberId, session.Id, fileName, counts, Records);
        var changes = 0;
        try
        {
            // Routed by content, not by exchange type: Bitrix-style 3.x runs can carry documents___/contragents___
            // files next to the catalogue, and a sale run may carry a classifier.
            if (counts.HasCatalogContent)
            {
                foreach (var sink in catalogSinks)
                {
                    changes += await sink.ApplyAsync(batch, ct);
                }
            }
            if (counts.HasOrderContent)
            {
                foreach (var sink in orderSinks)
                {
                    changes += await sink.ApplyAsync(batch, ct);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "1C import {File} for {MemberId}: a sink failed", fileName, session.MemberId);
            return new ImportOutcome(fileName, counts, changes, $"Файл «{fileName}» разобран, но не сохранён: внутренняя ошибка при записи.");
        }
        return new ImportOutcome(fileName, counts, changes, null) { Warnings = [.. batch.Warnings] };
    }

    private async Task<ImportValidation> LoadValidationAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var priceTypes = await db.PriceTypes.Where(p => p.MemberId == memberId).Select(p => p.Id).ToListAsync(ct);
        var warehouses = await db.Warehouses.Where(w => w.MemberId == memberId).Select(w => w.Id).ToListAsync(ct);
        return new ImportValidation(priceTypes.ToHashSet(StringComparer.Ordinal), warehouses.ToHashSet(StringComparer.Ordinal), [.. rules]);
    }
}
