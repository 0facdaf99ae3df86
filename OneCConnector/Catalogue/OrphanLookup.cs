using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Finds what an earlier, interrupted run created but never linked: rows without a Bitrix24 id are looked up by
/// their external key (xmlId — variations by their full <c>P#C</c> id in the offers iblock —, property code, product+price type) before anything is added, so a crash between the
/// add and the link never produces a duplicate. One list command covers up to 50 keys; up to 50 commands per batch.
/// </summary>
internal static class OrphanLookup
{
    private const int KeysPerCommand = 50;
    private const int ProductsPerPriceCommand = 16; // ≤ 3 price types each → one page of 50

    public static async Task<Dictionary<string, long>> FindAsync(IBitrix24Client client, string kind, IReadOnlyList<string> keys,
        PushContext context, CancellationToken ct)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (keys.Count == 0 || kind == CatalogueKinds.Quantity)
        {
            return found;
        }
        if (kind == CatalogueKinds.Price)
        {
            await FindPricesAsync(client, keys, context, found, ct);
            return found;
        }
        if (kind == CatalogueKinds.PropertyValue)
        {
            await FindPropertyValuesAsync(client, keys, context, found, ct);
            return found;
        }
        var (method, field, parameters) = kind switch
        {
            CatalogueKinds.Section => ("catalog.section.list", "xmlId", Select("id", "xmlId")),
            CatalogueKinds.Property => ("catalog.productProperty.list", "code", Select("id", "code")),
            CatalogueKinds.Store => ("catalog.store.list", "xmlId", Select("id", "xmlId")),
            CatalogueKinds.Product => ("catalog.product.list", "xmlId", Select("id", "iblockId", "xmlId")),
            CatalogueKinds.Variation => ("catalog.product.offer.list", "xmlId", Select("id", "iblockId", "xmlId")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var commands = keys.Chunk(KeysPerCommand).Select((chunk, i) =>
        {
            var body = (JObject)parameters.DeepClone();
            var filter = new JObject { ["@" + field] = new JArray(chunk) };
            if (kind != CatalogueKinds.Store)
            {
                filter["iblockId"] = kind == CatalogueKinds.Variation ? CatalogueCommands.OffersIblockId : CatalogueCommands.ProductIblockId;
            }
            body["filter"] = filter;
            return new BatchCommand("l" + i, method, body);
        }).ToList();
        var result = await client.RunAsync(commands, cancellationToken: ct);
        foreach (var (_, rows) in result.Results)
        {
            foreach (var row in ListCalls.Rows(rows))
            {
                if (row.Value<string?>(field) is { } key && row.Value<long?>("id") is { } id)
                {
                    found.TryAdd(key, id);
                }
            }
        }
        ThrowFirstError(result);
        return found;
    }

    private static async Task FindPricesAsync(IBitrix24Client client, IReadOnlyList<string> keys, PushContext context,
        Dictionary<string, long> found, CancellationToken ct)
    {
        var byBitrixProduct = context.Products.Where(p => keys.Any(k => k.StartsWith(p.Key + "|", StringComparison.Ordinal)))
            .ToDictionary(p => p.Value, p => p.Key);
        var commands = byBitrixProduct.Keys.Chunk(ProductsPerPriceCommand).Select((chunk, i) => new BatchCommand("p" + i, "catalog.price.list", new JObject
        {
            ["select"] = new JArray("id", "productId", "catalogGroupId"),
            ["filter"] = new JObject { ["@productId"] = new JArray(chunk) },
        })).ToList();
        if (commands.Count == 0)
        {
            return;
        }
        var result = await client.RunAsync(commands, cancellationToken: ct);
        foreach (var (_, rows) in result.Results)
        {
            foreach (var row in ListCalls.Rows(rows))
            {
                if (row.Value<long?>("productId") is { } product && byBitrixProduct.TryGetValue(product, out var oneCProduct)
                    && row.Value<long?>("catalogGroupId") is { } type && row.Value<long?>("id") is { } id)
                {
                    found.TryAdd($"{oneCProduct}|{type}", id);
                }
            }
        }
        ThrowFirstError(result);
    }

    /// <summary>A list property's enum values are few: read them all (paged) and match by text.</summary>
    private static async Task FindPropertyValuesAsync(IBitrix24Client client, IReadOnlyList<string> keys, PushContext context,
        Dictionary<string, long> found, CancellationToken ct)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        foreach (var code in keys.Select(k => k[..k.IndexOf('|')]).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!context.Properties.TryGetValue(code, out var propertyId))
            {
                continue;
            }
            var parameters = new JObject { ["select"] = new JArray("id", "propertyId", "value"), ["filter"] = new JObject { ["propertyId"] = propertyId } };
            await foreach (var row in client.ListAsync("catalog.productPropertyEnum.list", parameters, ct))
            {
                var key = WineListValues.ValueKey(code, row.Value<string?>("value") ?? "");
                if (wanted.Contains(key) && row.Value<long?>("id") is { } id)
                {
                    found.TryAdd(key, id);
                }
            }
        }
    }

    private static JObject Select(params string[] fields) => new() { ["select"] = new JArray(fields) };

    // A failed lookup must stop the run: adding without knowing what exists could duplicate.
    private static void ThrowFirstError(BatchResult result)
    {
        if (result.Errors.Count > 0)
        {
            throw result.Errors.Values.First();
        }
    }
}
