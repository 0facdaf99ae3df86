using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// The <c>type=sale</c> sink (also fed standalone 3.x <c>Контрагенты</c>): reads the already validated file once,
/// keeps its counterparties and order reports as one durable inbox row and returns at once, so 1C's import request
/// never waits on Bitrix24's rate limits (180 s client timeout). <see cref="SaleInbox"/> writes it into Bitrix24.
/// The row id is derived from session and file, so importing the same file again in a session replaces, not adds.
/// </summary>
public sealed class SaleFileInbox(IDbContextFactory<OneCDbContext> dbFactory, SaleInbox inbox, ExchangeJournal journal, TimeProvider time) : IOrderImportSink
{
    public async Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var cards = new List<CounterpartyCard>();
        var orders = new List<OrderStatusReport>();
        foreach (var record in batch.Records())
        {
            switch (record)
            {
                case Counterparty c when CounterpartyCards.From(c) is { } card:
                    cards.Add(card);
                    break;
                case OrderDocument d:
                    cards.AddRange(d.Counterparties
                        .Where(c => !c.IsSeller)
                        .Select(CounterpartyCards.From).OfType<CounterpartyCard>());
                    if (OrderStatusReport.From(d) is { } report)
                    {
                        orders.Add(report);
                    }
                    break;
            }
        }
        if (cards.Count == 0 && orders.Count == 0)
        {
            return 0;
        }
        WarnAboutHeldCards(batch, cards);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(batch.MemberId + "\n" + batch.SessionId + "\n" + batch.FileName)))[..40];
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.SaleInbox.FirstOrDefaultAsync(r => r.Id == id && r.MemberId == batch.MemberId, cancellationToken);
            if (row is null)
            {
                row = new SaleInboxRecord { Id = id, MemberId = batch.MemberId, Source = Truncate(batch.FileName, 500), Payload = "" };
                db.SaleInbox.Add(row);
            }
            row.Payload = new SaleInboxPayload(cards, orders, batch.SessionId).Serialize();
            row.CreatedAt = now;
            row.Attempts = 0;
            row.NextAttemptAt = now;
            row.LastError = null;
            await db.SaveChangesAsync(cancellationToken);
        }
        await journal.MarkAwaitingAsync(batch.MemberId, batch.SessionId, Bitrix24Work.Sale, cancellationToken);
        inbox.Wake();
        // Nothing is changed yet: the Bitrix24 step counts its own writes. Queued work is not a change.
        return 0;
    }

    /// <summary>
    /// A card that will go to the review list (ИНН checksum, malformed КПП) is named back to 1C as a warning line after
    /// <c>success</c>: the rest of the file is sound and УТ 11.5 logs such lines as warnings. A legal entity without ИНН
    /// does not reach this sink: <see cref="LegalEntityWithoutInnRule"/> refuses its whole file in validation.
    /// </summary>
    private static void WarnAboutHeldCards(ImportBatch batch, List<CounterpartyCard> cards)
    {
        foreach (var card in cards.GroupBy(c => c.OneCId, StringComparer.Ordinal).Select(g => g.Last()))
        {
            if (CounterpartyRules.Check(card) is { } problem)
            {
                batch.Warnings.Add($"Предупреждение: {ApplyReport.Line(card.OneCId, problem)}. Контрагент не записан в Битрикс24 и ждёт проверки; исправьте его в 1С.");
            }
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
