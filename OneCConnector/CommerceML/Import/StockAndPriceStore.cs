using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// The connector's own catalogue sink: price types, warehouses, stock per warehouse and prices per price type, in
/// the connector's tables. Rows change only when a value differs, so re-sending a file reports 0 changes. The
/// whole file is applied in one transaction.
/// </summary>
public sealed class StockAndPriceStore(IDbContextFactory<OneCDbContext> dbFactory, TimeProvider time) : ICatalogImportSink
{
    private const int OffersPerFlush = 500;

    public async Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var changes = 0;
        var pending = new List<Offer>(OffersPerFlush);
        var partialStock = false;
        foreach (var record in batch.Records())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (record)
            {
                case OffersPackageStarted package:
                    partialStock = package.IsChangesPackage;
                    break;
                case PriceType p:
                    changes += await UpsertPriceTypeAsync(db, batch.MemberId, p, now, cancellationToken);
                    break;
                case Warehouse w:
                    changes += await UpsertWarehouseAsync(db, batch.MemberId, w, now, cancellationToken);
                    break;
                case Offer o when o.HasPrices || o.HasStock || o.IsDeleted:
                    // The same offer twice in one flush would be compared against stale rows: flush first.
                    if (pending.Any(x => x.Id == o.Id))
                    {
                        changes += await FlushAsync(db, batch.MemberId, pending, partialStock, now, cancellationToken);
                    }
                    pending.Add(o);
                    if (pending.Count == OffersPerFlush)
                    {
                        changes += await FlushAsync(db, batch.MemberId, pending, partialStock, now, cancellationToken);
                    }
                    break;
            }
        }
        changes += await FlushAsync(db, batch.MemberId, pending, partialStock, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes;
    }

    private static async Task<int> UpsertPriceTypeAsync(OneCDbContext db, string memberId, PriceType p, long now, CancellationToken ct)
    {
        var row = await db.PriceTypes.FindAsync([memberId, p.Id.Value], ct);
        if (row is null)
        {
            db.PriceTypes.Add(new PriceTypeRecord { MemberId = memberId, Id = p.Id.Value, Name = p.Name, Currency = p.Currency, UpdatedAt = now });
        }
        else if (row.Name != p.Name || row.Currency != p.Currency)
        {
            row.Name = p.Name;
            row.Currency = p.Currency;
            row.UpdatedAt = now;
        }
        else
        {
            return 0;
        }
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private static async Task<int> UpsertWarehouseAsync(OneCDbContext db, string memberId, Warehouse w, long now, CancellationToken ct)
    {
        var row = await db.Warehouses.FindAsync([memberId, w.Id.Value], ct);
        if (row is null)
        {
            db.Warehouses.Add(new WarehouseRecord { MemberId = memberId, Id = w.Id.Value, Name = w.Name, UpdatedAt = now });
        }
        else if (row.Name != w.Name)
        {
            row.Name = w.Name;
            row.UpdatedAt = now;
        }
        else
        {
            return 0;
        }
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private static async Task<int> FlushAsync(OneCDbContext db, string memberId, List<Offer> offers, bool partialStock, long now, CancellationToken ct)
    {
        if (offers.Count == 0)
        {
            return 0;
        }
        var ids = offers.Select(o => o.Id.Value).Distinct().ToList();
        var stocks = (await db.Stocks.Where(s => s.MemberId == memberId && ids.Contains(s.OfferId)).ToListAsync(ct))
            .ToLookup(s => s.OfferId, StringComparer.Ordinal);
        var prices = (await db.Prices.Where(p => p.MemberId == memberId && ids.Contains(p.OfferId)).ToListAsync(ct))
            .ToLookup(p => p.OfferId, StringComparer.Ordinal);
        var changes = 0;
        foreach (var offer in offers)
        {
            var existingStock = stocks[offer.Id.Value].ToDictionary(s => s.WarehouseId, StringComparer.Ordinal);
            var existingPrices = prices[offer.Id.Value].ToDictionary(p => p.PriceTypeId, StringComparer.Ordinal);
            if (offer.IsDeleted)
            {
                db.Stocks.RemoveRange(existingStock.Values);
                db.Prices.RemoveRange(existingPrices.Values);
                changes += existingStock.Count + existingPrices.Count;
                continue;
            }
            if (offer.HasStock)
            {
                changes += ApplyStock(db, memberId, offer, existingStock, partialStock, now);
            }
            if (offer.HasPrices)
            {
                changes += ApplyPrices(db, memberId, offer, existingPrices, now);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        offers.Clear();
        return changes;
    }

    private static int ApplyStock(OneCDbContext db, string memberId, Offer offer, Dictionary<string, StockRecord> existing, bool partial, long now)
    {
        // Per-warehouse rows when 1C names warehouses; otherwise one row with an empty warehouse id for the total.
        var desired = offer.Stocks.Count > 0
            ? offer.Stocks.ToDictionary(s => s.WarehouseId, s => s.Quantity, StringComparer.Ordinal)
            : new Dictionary<string, decimal>(StringComparer.Ordinal) { [string.Empty] = offer.TotalQuantity ?? 0 };
        var changes = 0;
        foreach (var (warehouseId, quantity) in desired)
        {
            if (existing.TryGetValue(warehouseId, out var row))
            {
                if (row.Quantity != quantity)
                {
                    row.Quantity = quantity;
                    row.UpdatedAt = now;
                    changes++;
                }
            }
            else
            {
                db.Stocks.Add(new StockRecord
                {
                    MemberId = memberId, OfferId = offer.Id.Value, ProductId = offer.Id.ProductId, WarehouseId = warehouseId,
                    Quantity = quantity, UpdatedAt = now,
                });
                changes++;
            }
        }
        // A full offer lists all its warehouses, so rows it no longer names are gone; a 2.09 delta lists only changes.
        if (!partial)
        {
            foreach (var stale in existing.Values.Where(r => !desired.ContainsKey(r.WarehouseId)))
            {
                db.Stocks.Remove(stale);
                changes++;
            }
        }
        return changes;
    }

    private static int ApplyPrices(OneCDbContext db, string memberId, Offer offer, Dictionary<string, PriceRecord> existing, long now)
    {
        var changes = 0;
        foreach (var price in offer.Prices.GroupBy(p => p.PriceTypeId).Select(g => g.Last()))
        {
            if (existing.TryGetValue(price.PriceTypeId, out var row))
            {
                if (row.Price != price.PricePerUnit || row.Currency != price.Currency || row.Unit != price.Unit)
                {
                    row.Price = price.PricePerUnit;
                    row.Currency = price.Currency;
                    row.Unit = price.Unit;
                    row.UpdatedAt = now;
                    changes++;
                }
            }
            else
            {
                db.Prices.Add(new PriceRecord
                {
                    MemberId = memberId, OfferId = offer.Id.Value, ProductId = offer.Id.ProductId, PriceTypeId = price.PriceTypeId,
                    Price = price.PricePerUnit, Currency = price.Currency, Unit = price.Unit, UpdatedAt = now,
                });
                changes++;
            }
        }
        return changes;
    }
}
