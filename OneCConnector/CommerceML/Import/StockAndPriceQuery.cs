using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Import;

public sealed record WarehouseQuantity(string WarehouseId, string? WarehouseName, decimal Quantity);

public sealed record PriceByType(string PriceTypeId, string? PriceTypeName, decimal Price, string? Currency, string? Unit);

/// <summary>What 1C last reported for one offer (a product or one of its characteristics).</summary>
public sealed record OfferStockAndPrices(string OfferId, IReadOnlyList<WarehouseQuantity> Stock, IReadOnlyList<PriceByType> Prices)
{
    public decimal TotalQuantity => Stock.Sum(s => s.Quantity);
}

/// <summary>Reads the stock and prices the exchange stored, for the catalogue placement and robots (live stock from 1C).</summary>
public sealed class StockAndPriceQuery(IDbContextFactory<OneCDbContext> dbFactory)
{
    /// <summary>All offers of a product (its characteristics included), keyed by the 1C product id (<c>Ид</c> before <c>#</c>).</summary>
    public async Task<IReadOnlyList<OfferStockAndPrices>> ForProductAsync(string memberId, string productId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stocks = await db.Stocks.AsNoTracking().Where(s => s.MemberId == memberId && s.ProductId == productId).ToListAsync(ct);
        var prices = await db.Prices.AsNoTracking().Where(p => p.MemberId == memberId && p.ProductId == productId).ToListAsync(ct);
        var warehouseNames = await db.Warehouses.AsNoTracking().Where(w => w.MemberId == memberId).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var priceTypeNames = await db.PriceTypes.AsNoTracking().Where(p => p.MemberId == memberId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return stocks.Select(s => s.OfferId).Concat(prices.Select(p => p.OfferId)).Distinct().Order(StringComparer.Ordinal)
            .Select(offerId => new OfferStockAndPrices(
                offerId,
                stocks.Where(s => s.OfferId == offerId).OrderBy(s => s.WarehouseId, StringComparer.Ordinal)
                    .Select(s => new WarehouseQuantity(s.WarehouseId, warehouseNames.GetValueOrDefault(s.WarehouseId), s.Quantity)).ToList(),
                prices.Where(p => p.OfferId == offerId).OrderBy(p => p.PriceTypeId, StringComparer.Ordinal)
                    .Select(p => new PriceByType(p.PriceTypeId, priceTypeNames.GetValueOrDefault(p.PriceTypeId), p.Price, p.Currency, p.Unit)).ToList()))
            .ToList();
    }
}
