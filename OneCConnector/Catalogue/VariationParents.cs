using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Products that have 1C variant offers (<c>P#C</c>) and those that are already parents in Bitrix24 (a variation of
/// theirs is linked: adding a variation turns a simple product into type 3, "product with variations"). A parent's card
/// goes through catalog.product.sku.* and its quantity stays with the variations.
/// </summary>
internal sealed class VariationParents
{
    public static readonly VariationParents None = new([], []);

    private VariationParents(HashSet<string> withVariations, HashSet<string> inBitrix)
    {
        WithVariations = withVariations;
        InBitrix = inBitrix;
    }

    /// <summary>1C product keys with at least one variant offer.</summary>
    public IReadOnlySet<string> WithVariations { get; }

    /// <summary>1C product keys with a variation already in Bitrix24 (the product is type 3 there).</summary>
    public IReadOnlySet<string> InBitrix { get; }

    /// <summary>One read of the portal's variation keys (a few short strings each, once per pushed kind).</summary>
    public static async Task<VariationParents> LoadAsync(OneCDbContext db, string memberId, CancellationToken ct)
    {
        var rows = await db.CatalogueItems.AsNoTracking().Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Variation)
            .Select(x => new { x.Key, Linked = x.BitrixId != null }).ToListAsync(ct);
        var all = new HashSet<string>(StringComparer.Ordinal);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var parent = OneCVariant.ParentKey(row.Key);
            all.Add(parent);
            if (row.Linked)
            {
                linked.Add(parent);
            }
        }
        return new VariationParents(all, linked);
    }
}

/// <summary>The parts of a 1C variant id <c>product#characteristic</c>.</summary>
internal static class OneCVariant
{
    public static string ParentKey(string variantKey) => variantKey.IndexOf('#') is var i and > 0 ? variantKey[..i] : variantKey;
}
