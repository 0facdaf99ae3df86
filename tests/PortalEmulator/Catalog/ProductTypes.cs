using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Catalog;

/// <summary>
/// The catalogue's product <c>type</c> values (b24restdocs, CATALOG.PRODUCT.ON.ADD: 1 simple product, 3 parent product
/// with variations, 4 variation, 5 variation without a product, 6 parent product without variations, 7 service) and
/// how they move: a variation added under a simple or empty parent makes it 3, the last variation removed leaves it 6;
/// deleting a parent deletes its variations (and every deleted record's prices).
/// </summary>
internal static class ProductTypes
{
    public const int Simple = 1;
    public const int Parent = 3;
    public const int Variation = 4;
    public const int FreeVariation = 5;
    public const int EmptyParent = 6;
    public const int Service = 7;

    public static int TypeOf(JsonObject product) => (int?)product["type"] ?? Simple;

    public static bool IsParent(JsonObject product) => IsParentType(TypeOf(product));

    public static bool IsParentType(int type) => type is Parent or EmptyParent;

    public static bool IsVariation(JsonObject product) => TypeOf(product) is Variation or FreeVariation;

    /// <summary>Whether <paramref name="product"/> may take variations: a simple product or a parent in the product iblock.</summary>
    public static bool CanBeParent(JsonObject product) =>
        (int?)product["iblockId"] == CatalogStore.ProductIblockId && TypeOf(product) is Simple or Parent or EmptyParent;

    public static void Link(CatalogStore store, int offerId, int parentId)
    {
        (store.OffersByParent.TryGetValue(parentId, out var set) ? set : store.OffersByParent[parentId] = []).Add(offerId);
        var parent = store.Products[parentId];
        if (TypeOf(parent) != Parent)
        {
            var copy = parent.DeepClone().AsObject();
            copy["type"] = Parent;
            copy["quantity"] = null; // a parent's stock is its variations'
            store.Products[parentId] = copy;
        }
    }

    public static void Unlink(CatalogStore store, int offerId, int parentId)
    {
        if (!store.OffersByParent.TryGetValue(parentId, out var set) || !set.Remove(offerId) || set.Count > 0)
        {
            return;
        }
        store.OffersByParent.Remove(parentId);
        if (store.Products.TryGetValue(parentId, out var parent))
        {
            var copy = parent.DeepClone().AsObject();
            copy["type"] = EmptyParent;
            store.Products[parentId] = copy;
        }
    }

    /// <summary>The parent id a variation record keeps as <c>parentId: {value, valueId}</c>.</summary>
    public static int? ParentOf(JsonObject offer) =>
        offer["parentId"] is JsonObject p && int.TryParse((string?)p["value"], out var id) ? id : null;

    /// <summary>Deletes a record with its prices; a parent takes its variations along, a variation leaves its parent.</summary>
    public static void Delete(CatalogStore store, int id)
    {
        if (!store.Products.TryGetValue(id, out var record))
        {
            return;
        }
        if (store.OffersByParent.Remove(id, out var offers))
        {
            foreach (var offerId in offers)
            {
                RemoveWithPrices(store, offerId);
            }
        }
        if (ParentOf(record) is { } parentId)
        {
            Unlink(store, id, parentId);
        }
        RemoveWithPrices(store, id);
    }

    private static void RemoveWithPrices(CatalogStore store, int id)
    {
        store.Products.Remove(id);
        foreach (var priceId in store.Prices.WithValues([id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Select(p => (int)p["id"]!).ToList())
        {
            store.Prices.Remove(priceId);
        }
    }
}
