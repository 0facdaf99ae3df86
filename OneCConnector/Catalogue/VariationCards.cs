using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// The desired Bitrix24 variation of each 1C variant offer <c>P#C</c>: parent = product P, xmlId = the full 1C id,
/// name = the product's name followed by the characteristic values («Шабли Премье Крю 2019, 1,5 л»), inactive when
/// 1C deleted the offer. Buffered 500 at a time so the parents' names are read in one query per chunk (the catalogue
/// file that named the products came earlier: 1C sends import before offers).
/// </summary>
internal sealed class VariationCards(OneCDbContext db, string memberId, DesiredRows rows, SeenProducts seen, PropertyDictionary dictionary)
{
    private const int Chunk = 500;
    private readonly List<(string Key, string Parent, string? OfferName, IReadOnlyList<string> Values, bool Deleted)> pending = [];

    public async Task AddAsync(Offer offer, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(offer.Name) ? null : offer.Name.Trim();
        pending.Add((offer.Id.Value, offer.Id.ProductId, name, CharacteristicValues(offer, dictionary), offer.IsDeleted));
        if (pending.Count >= Chunk)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var parents = pending.Select(p => p.Parent).Distinct().ToList();
        var names = (await db.CatalogueItems.AsNoTracking()
                .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Product && parents.Contains(x.Key))
                .Select(x => new { x.Key, x.Desired }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => (string?)JsonNode.Parse(x.Desired)?["name"], StringComparer.Ordinal);
        // 1C 10.x-style catalogues list the characteristic itself as a Товар («P#C» in import.xml, P never described):
        // that product is what Bitrix24 shows, and the offer is that product's, not a variation.
        var keys = pending.Select(p => p.Key).ToList();
        var products = (await db.CatalogueItems.AsNoTracking()
                .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Product && keys.Contains(x.Key)).Select(x => x.Key).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        // 1C 3.x prices___/rests___ files repeat the offer's Ид with nothing that describes it: such an entry keeps the card.
        var bare = pending.Where(p => p.OfferName is null && p.Values.Count == 0 && !p.Deleted).Select(p => p.Key).ToList();
        var known = bare.Count == 0 ? [] : (await db.CatalogueItems.AsNoTracking()
                .Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Variation && bare.Contains(x.Key)).Select(x => x.Key).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, parent, offerName, values, deleted) in pending)
        {
            if (products.Contains(key))
            {
                continue;
            }
            if (known.Contains(key))
            {
                await seen.AddAsync(key, ct);
                continue;
            }
            await rows.AddAsync(CatalogueKinds.Variation, key, new JsonObject
            {
                ["parent"] = parent, ["name"] = Name(names.GetValueOrDefault(parent), offerName, values, key), ["active"] = deleted ? "N" : "Y",
            }, ct);
            await seen.AddAsync(key, ct);
        }
        pending.Clear();
    }

    /// <summary>
    /// «Product name» + the characteristic values; without values 1C's own offer name (УТ writes «Товар (характеристика)»);
    /// without a known product (its catalogue never came) the offer's name carries the values.
    /// </summary>
    internal static string Name(string? productName, string? offerName, IReadOnlyList<string> values, string key)
    {
        var baseName = productName is { Length: > 0 } ? productName : offerName is { Length: > 0 } ? offerName : key;
        if (values.Count == 0)
        {
            return offerName is { Length: > 0 } ? offerName : baseName;
        }
        return $"{baseName} {string.Join(", ", values)}";
    }

    /// <summary>
    /// <c>ХарактеристикиТовара</c> of the offer (name/value pairs). When 1C sent none and no offer name either, the
    /// offer's own <c>ЗначенияСвойств</c> whose property the classifier describes (option ids resolved to their text);
    /// with a name, that name (1C's presentation of the characteristic) is used as it is.
    /// </summary>
    internal static IReadOnlyList<string> CharacteristicValues(Offer offer, PropertyDictionary dictionary)
    {
        var values = offer.Characteristics.Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToList();
        if (values.Count > 0 || !string.IsNullOrWhiteSpace(offer.Name))
        {
            return values;
        }
        return offer.Properties.Where(p => dictionary.Find(p.PropertyId) is not null)
            .SelectMany(p => dictionary.Resolve(p).Values).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
    }
}
