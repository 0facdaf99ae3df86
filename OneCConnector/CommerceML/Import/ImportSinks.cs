using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// One uploaded file that parsed whole and passed validation. <see cref="Records"/> streams the file again on each
/// call, so a sink never needs the whole document in memory.
/// </summary>
public sealed record ImportBatch(string MemberId, string SessionId, string FileName, ImportCounts Counts, Func<IEnumerable<CommerceMLRecord>> Records)
{
    /// <summary>
    /// Readable lines a sink adds about data it accepted but will not apply as sent (a counterparty held for review):
    /// the file still succeeds, 1C shows the lines after <c>success</c> and the journal row keeps them.
    /// </summary>
    public IList<string> Warnings { get; } = new List<string>();
}

/// <summary>
/// Applies a catalogue file (<c>type=catalog</c>: classifier, products, offers, prices, stock). Register more than
/// one: the built-in store keeps stock and prices; the Bitrix24 catalogue mapping plugs in here. Must be idempotent
/// (re-sending the same files changes nothing) and return how many stored values it changed.
/// </summary>
public interface ICatalogImportSink
{
    Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken);
}

/// <summary>Applies a <c>type=sale</c> file from 1C (order statuses, payments, shipments, counterparties). Must be idempotent.</summary>
public interface IOrderImportSink
{
    Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken);
}
