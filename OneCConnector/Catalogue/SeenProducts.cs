using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Stamps <see cref="CatalogueItemRecord.SeenAt"/> on the products a catalogue file lists (or the variations an offers file lists), 500 at a time (one
/// UPDATE each, whether or not the product changed), so a full snapshot can later tell which products 1C left out.
/// </summary>
internal sealed class SeenProducts(OneCDbContext db, string memberId, long now, DesiredRows rows, string kind = CatalogueKinds.Product)
{
    private const int Chunk = 500;
    private readonly List<string> keys = [];

    public int Total { get; private set; }

    public async Task AddAsync(string productKey, CancellationToken ct)
    {
        keys.Add(productKey);
        Total++;
        if (keys.Count >= Chunk)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }
        await rows.FlushAsync(ct); // the rows must exist before they are stamped
        await db.CatalogueItems.Where(x => x.MemberId == memberId && x.Kind == kind && keys.Contains(x.Key))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SeenAt, now), ct);
        keys.Clear();
    }
}
