using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.OData;

/// <summary>
/// Stock on hand per warehouse from the preset's stock register (<c>/Balance</c> grouped by item, characteristic and
/// warehouse), for portals whose 1C does not send CommerceML. It is handed to the same catalogue sinks a CommerceML
/// offers file feeds, as a full offers package with the offer ids CommerceML uses (<c>product</c> or
/// <c>product#characteristic</c>), so stored stock and what the sinks write change only where 1C's numbers did.
/// Offers stocked before and absent from the balance now are sent with zero.
/// </summary>
public sealed class StockPull(IDbContextFactory<OneCDbContext> dbFactory, IEnumerable<ICatalogImportSink> sinks)
{
    public sealed record Outcome(int Offers, int Changes);

    /// <summary>True once 1C ran a CommerceML catalogue exchange for the portal: then stock comes from there, not from here.</summary>
    public async Task<bool> UsesCommerceMLAsync(string memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Journal.AnyAsync(j => j.MemberId == memberId && j.ExchangeType == "catalog", ct);
    }

    public async Task<Outcome> RunAsync(string memberId, ODataClient client, ODataPreset preset, CancellationToken ct)
    {
        if (preset.StockRegister is null || preset.StockResource is null || preset.StockWarehouseDimension is null)
        {
            throw new ODataException(ODataFailure.NotFound, new(
                $"Для конфигурации {preset.Configuration} остатки по OData не читаются: используйте обмен CommerceML",
                $"Stock is not read over OData for {preset.Configuration}: use the CommerceML exchange"), preset.Configuration.ToString());
        }
        var dims = new[] { "Номенклатура_Key", "Характеристика_Key", preset.StockWarehouseDimension };
        var resource = preset.StockResource + "Balance";
        var rows = await client.GetBalanceAsync(ODataQuery.Balance(preset.StockRegister, dimensions: dims) with { Select = [.. dims, resource] }, dims, ct);
        var offers = new Dictionary<string, List<WarehouseStock>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var product = Text(row, "Номенклатура_Key");
            if (IsEmptyRef(product)) continue;
            var characteristic = Text(row, "Характеристика_Key");
            var id = IsEmptyRef(characteristic) ? product : product + "#" + characteristic;
            if (!offers.TryGetValue(id, out var stocks)) offers[id] = stocks = [];
            stocks.Add(new WarehouseStock(Text(row, preset.StockWarehouseDimension), Number(row, resource)));
        }
        var warehouses = new List<Warehouse>();
        if (preset.Warehouses is not null)
        {
            await foreach (var w in client.GetAllAsync(ODataQuery.Set(preset.Warehouses) with { Select = ["Ref_Key", "Description", "DeletionMark"] }, ct))
            {
                warehouses.Add(new Warehouse(new OneCId(Text(w, "Ref_Key")), Text(w, "Description"), null, w["DeletionMark"]?.GetValue<bool>() ?? false));
            }
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var known = await db.Stocks.Where(s => s.MemberId == memberId).Select(s => s.OfferId).Distinct().ToListAsync(ct);
            foreach (var gone in known.Where(k => !offers.ContainsKey(k))) offers[gone] = [];
        }
        var records = new List<CommerceMLRecord> { new OffersPackageStarted(OnlyChanges: false, IsChangesPackage: false) };
        records.AddRange(warehouses);
        records.AddRange(offers.Select(o => new Offer(new OneCId(o.Key), null, null, null, [], false,
            o.Value.Sum(s => s.Quantity), o.Value, true, [], [], null, false)));
        var counts = ImportCounts.Empty with { Warehouses = warehouses.Count, Offers = offers.Count, Stocks = offers.Values.Sum(v => v.Count) };
        var batch = new ImportBatch(memberId, "odata", preset.StockRegister, counts, () => records);
        var changes = 0;
        foreach (var sink in sinks) changes += await sink.ApplyAsync(batch, ct);
        return new Outcome(offers.Count, changes);
    }
}
