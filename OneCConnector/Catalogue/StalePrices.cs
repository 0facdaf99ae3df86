using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// When a 1C price type is remapped to another Bitrix24 price type (or unmapped), the rows it wrote under the old
/// Bitrix24 type would stay in the portal with a frozen price. On every file that carries prices, price rows whose
/// Bitrix24 type no mapping targets any more become "deleted" (the pusher calls <c>catalog.price.delete</c>); the new
/// type's rows are added by the file itself, so the price moves. An empty mapping deletes nothing (a portal with no
/// price type mapped keeps what it has rather than losing every price on a configuration slip).
/// </summary>
internal static class StalePrices
{
    public static async Task RemoveAsync(OneCDbContext db, DesiredRows rows, string memberId, IReadOnlySet<int> mappedTypes, CancellationToken ct)
    {
        if (mappedTypes.Count == 0)
        {
            return;
        }
        var query = db.CatalogueItems.AsNoTracking().Where(x => x.MemberId == memberId && x.Kind == CatalogueKinds.Price
            && !x.Desired.Contains("\"deleted\":true"));
        foreach (var type in mappedTypes)
        {
            var suffix = "|" + type;
            query = query.Where(x => !x.Key.EndsWith(suffix));
        }
        foreach (var stale in await query.Select(x => new { x.Key, x.Desired }).ToListAsync(ct))
        {
            var desired = JsonNode.Parse(stale.Desired)!.AsObject();
            await rows.AddAsync(CatalogueKinds.Price, stale.Key, new JsonObject
            {
                ["product"] = (string?)desired["product"], ["type"] = (int?)desired["type"], ["deleted"] = true,
            }, ct);
        }
    }
}
