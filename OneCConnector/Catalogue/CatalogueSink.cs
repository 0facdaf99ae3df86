using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Turns an imported catalogue file into the desired Bitrix24 catalogue: groups → sections, wine properties,
/// products (deleted → inactive), warehouses → stores, prices by mapped price type, and each touched product's
/// total stock (summed from the connector's per-warehouse rows, which <see cref="StockAndPriceStore"/> wrote just
/// before). Only rows whose desired state changed become pending; the push to Bitrix24 happens in the background
/// (<see cref="CataloguePushWorker"/>), so 1C's request never waits on Bitrix24 limits.
/// </summary>
public sealed class CatalogueSink(
    IDbContextFactory<OneCDbContext> dbFactory,
    IOptionsMonitor<CatalogueOptions> options,
    CataloguePushSignal signal,
    ExchangeJournal journal,
    TimeProvider time,
    IServiceProvider services) : ICatalogImportSink
{
    // Without a Bitrix24 client (a connector-only host) there is nowhere to push: the data stays in the connector's tables.
    private readonly bool canPush = services.GetService<IBitrix24ClientFactory>() is not null;

    public async Task<int> ApplyAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue; // a changed price type map applies without a restart
        if (!settings.Enabled || !canPush)
        {
            return 0;
        }
        var memberId = batch.MemberId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = new DesiredRows(db, memberId, time.GetUtcNow().ToUnixTimeMilliseconds());
        var definitions = await LoadDefinitionsAsync(db, memberId, cancellationToken);
        var dictionary = new PropertyDictionary();
        foreach (var definition in definitions.Values)
        {
            dictionary.Add(definition);
        }
        var wine = WineProperties.Resolve(settings);
        var priceTypes = await PriceTypeMapAsync(db, memberId, settings, cancellationToken);
        var pushQuantity = settings.For(memberId).PushQuantity ?? settings.PushQuantity;
        var stockTouched = new HashSet<string>(StringComparer.Ordinal);

        var seen = new SeenProducts(db, memberId, rows.Now, rows);
        var seenVariations = new SeenProducts(db, memberId, rows.Now, rows, CatalogueKinds.Variation);
        var variations = new VariationCards(db, memberId, rows, seenVariations, dictionary);
        var variationStock = new HashSet<string>(StringComparer.Ordinal);
        var fullSnapshot = false;
        var fullOffers = false;
        var offersSeen = 0;
        var pricesSeen = false;
        foreach (var record in batch.Records())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (record)
            {
                case CatalogStarted c:
                    fullSnapshot |= !c.OnlyChanges;
                    break;
                case OffersPackageStarted package:
                    fullOffers |= !package.OnlyChanges && !package.IsChangesPackage;
                    break;
                case PropertyDefinition d:
                    dictionary.Add(d);
                    definitions[d.Id.Value] = d;
                    await rows.AddAsync(CatalogueKinds.SourceProperty, d.Id.Value, SourceProperty(d), cancellationToken);
                    break;
                case ProductGroup g:
                    await rows.AddAsync(CatalogueKinds.Section, g.Id.Value, new JsonObject
                    {
                        ["name"] = g.Name, ["parent"] = g.ParentId?.Value, ["active"] = g.DeletionMark ? "N" : "Y",
                    }, cancellationToken);
                    break;
                case Warehouse w:
                    await rows.AddAsync(CatalogueKinds.Store, w.Id.Value, new JsonObject
                    {
                        ["title"] = w.Name, ["address"] = string.IsNullOrWhiteSpace(w.Address) ? w.Name : w.Address, ["active"] = w.DeletionMark ? "N" : "Y",
                    }, cancellationToken);
                    break;
                case Product p:
                    await rows.AddAsync(CatalogueKinds.Product, p.Id.Value, ProductCard(p, dictionary, wine, definitions.Values), cancellationToken);
                    await seen.AddAsync(p.Id.Value, cancellationToken);
                    break;
                case Offer o:
                    offersSeen++;
                    // A variant offer is a variation of its product: prices and quantity are written on the variation.
                    var owner = o.Id.IsVariant ? o.Id.Value : o.Id.ProductId;
                    if (o.Id.IsVariant)
                    {
                        await variations.AddAsync(o, cancellationToken);
                    }
                    if (o.HasPrices)
                    {
                        pricesSeen = true;
                        foreach (var price in o.Prices.GroupBy(x => x.PriceTypeId).Select(g => g.Last()))
                        {
                            if (priceTypes.TryGetValue(price.PriceTypeId, out var bitrixType))
                            {
                                await rows.AddAsync(CatalogueKinds.Price, $"{owner}|{bitrixType}", new JsonObject
                                {
                                    ["product"] = owner, ["type"] = bitrixType,
                                    ["price"] = price.PricePerUnit.ToString("0.####", CultureInfo.InvariantCulture), ["currency"] = Currency(price.Currency),
                                }, cancellationToken);
                            }
                        }
                    }
                    if (pushQuantity && (o.HasStock || o.IsDeleted))
                    {
                        stockTouched.Add(o.Id.ProductId);
                        if (o.Id.IsVariant)
                        {
                            variationStock.Add(o.Id.Value);
                        }
                    }
                    break;
            }
        }
        foreach (var chunk in stockTouched.Chunk(500))
        {
            var totals = await db.Stocks.Where(s => s.MemberId == memberId && chunk.Contains(s.ProductId))
                .GroupBy(s => s.ProductId).Select(g => new { g.Key, Total = g.Sum(s => (double)s.Quantity) })
                .ToDictionaryAsync(x => x.Key, x => x.Total, StringComparer.Ordinal, cancellationToken);
            foreach (var productId in chunk)
            {
                var total = totals.GetValueOrDefault(productId);
                await rows.AddAsync(CatalogueKinds.Quantity, productId, new JsonObject
                {
                    ["quantity"] = total.ToString("0.###", CultureInfo.InvariantCulture),
                }, cancellationToken);
            }
        }
        await variations.FlushAsync(cancellationToken);
        // A variation's quantity is its own stock total (all warehouses of that offer), like a product's.
        foreach (var chunk in variationStock.Chunk(500))
        {
            var totals = await db.Stocks.Where(s => s.MemberId == memberId && chunk.Contains(s.OfferId))
                .GroupBy(s => s.OfferId).Select(g => new { g.Key, Total = g.Sum(s => (double)s.Quantity) })
                .ToDictionaryAsync(x => x.Key, x => x.Total, StringComparer.Ordinal, cancellationToken);
            foreach (var offerId in chunk)
            {
                await rows.AddAsync(CatalogueKinds.Quantity, offerId, new JsonObject
                {
                    ["quantity"] = totals.GetValueOrDefault(offerId).ToString("0.###", CultureInfo.InvariantCulture),
                }, cancellationToken);
            }
        }
        if (batch.Counts.Products > 0)
        {
            await WineListValues.AddPropertiesAsync(rows, wine, definitions.Values, cancellationToken);
        }
        if (pricesSeen)
        {
            await StalePrices.RemoveAsync(db, rows, memberId, priceTypes.Values.ToHashSet(), cancellationToken);
        }
        await rows.FlushAsync(cancellationToken);
        await seen.FlushAsync(cancellationToken);
        await seenVariations.FlushAsync(cancellationToken);
        if (fullSnapshot && seen.Total > 0)
        {
            await SnapshotDeactivation.MarkAsync(db, memberId, CatalogueKinds.Snapshot, batch.SessionId, rows.Now, cancellationToken);
        }
        if (fullOffers && offersSeen > 0)
        {
            await SnapshotDeactivation.MarkAsync(db, memberId, CatalogueKinds.OfferSnapshot, batch.SessionId, rows.Now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (rows.Changes > 0)
        {
            await journal.MarkAwaitingAsync(memberId, batch.SessionId, Bitrix24Work.Catalogue, cancellationToken);
            signal.Notify(memberId);
        }
        return rows.Changes;
    }

    private static JsonObject SourceProperty(PropertyDefinition d)
    {
        var optionsJson = new JsonObject();
        foreach (var option in d.Options)
        {
            optionsJson[option.ValueId] = option.Value;
        }
        return new JsonObject { ["name"] = d.Name, ["type"] = d.ValueType, ["options"] = optionsJson };
    }

    /// <summary>Every 1C property definition known for the portal (earlier files' classifiers), by 1C id.</summary>
    private static async Task<Dictionary<string, PropertyDefinition>> LoadDefinitionsAsync(OneCDbContext db, string memberId, CancellationToken ct)
    {
        var rows = await db.CatalogueItems.AsNoTracking()
            .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.SourceProperty).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => ToDefinition(r.Key, JsonNode.Parse(r.Desired)!.AsObject()), StringComparer.Ordinal);
    }

    private static PropertyDefinition ToDefinition(string key, JsonObject json)
    {
        var options = (json["options"] as JsonObject ?? []).Select(kv => new PropertyOption(kv.Key, (string?)kv.Value ?? "")).ToList();
        return new PropertyDefinition(new OneCId(key), (string?)json["name"] ?? key, (string?)json["type"], options, null, null, false);
    }

    /// <summary>
    /// 1C price type id → Bitrix24 price type id: the portal's map (by 1C Ид or name), else the type named
    /// <see cref="CatalogueOptions.BasePriceTypeName"/> → BASE (id 1). Unmapped types stay in our database only.
    /// </summary>
    private static async Task<Dictionary<string, int>> PriceTypeMapAsync(OneCDbContext db, string memberId, CatalogueOptions settings, CancellationToken ct)
    {
        var known = await db.PriceTypes.AsNoTracking().Where(p => p.MemberId == memberId).ToListAsync(ct);
        var map = settings.For(memberId).PriceTypes;
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in known)
        {
            if (map.TryGetValue(type.Id, out var byId) || map.TryGetValue(type.Name.Trim(), out byId))
            {
                result[type.Id] = byId;
            }
            else if (map.Count == 0 && string.Equals(type.Name.Trim(), settings.BasePriceTypeName, StringComparison.OrdinalIgnoreCase))
            {
                result[type.Id] = BasePriceTypeId;
            }
        }
        return result;
    }

    /// <summary>The id Bitrix24 gives its base price type (<c>catalog.priceType.list</c>: <c>base = Y</c>).</summary>
    public const int BasePriceTypeId = 1;

    private static JsonObject ProductCard(Product p, PropertyDictionary dictionary, IReadOnlyList<WineProperty> wine, IEnumerable<PropertyDefinition> definitions)
    {
        var resolved = dictionary.Resolve(p.Properties);
        var props = new JsonObject();
        foreach (var property in wine)
        {
            var value = resolved.FirstOrDefault(r => property.OneCNames.Contains(r.Name.Trim(), StringComparer.OrdinalIgnoreCase))?.Values.FirstOrDefault()
                ?? p.Requisites.FirstOrDefault(r => property.OneCNames.Contains(r.Name.Trim(), StringComparer.OrdinalIgnoreCase))?.Value;
            // A list value must stay the option's text (the enum value), even for a numeric property.
            props[property.Code] = WineListValues.IsList(property, definitions) ? value?.Trim() is { Length: > 0 } text ? text : null
                : WineProperties.Normalise(property, value);
        }
        return new JsonObject
        {
            ["name"] = p.Name.Trim(),
            ["active"] = p.IsDeleted ? "N" : "Y",
            ["section"] = p.GroupIds.FirstOrDefault(),
            ["props"] = props,
        };
    }

    /// <summary>1C writes «руб», «RUB» or the code 643; Bitrix24 wants ISO letters.</summary>
    internal static string Currency(string? oneC) => oneC?.Trim().ToUpperInvariant() switch
    {
        null or "" or "РУБ" or "РУБ." or "RUB" or "RUR" or "643" => "RUB",
        "USD" or "840" or "$" => "USD",
        "EUR" or "978" or "€" => "EUR",
        var other => other,
    };
}
