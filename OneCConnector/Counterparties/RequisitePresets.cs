using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Methods;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>A portal's requisite preset ids for organisation, individual entrepreneur and person.</summary>
public sealed record PresetIds(long LegalEntity, long IndividualEntrepreneur, long Person)
{
    public long For(CounterpartyKind kind) => kind switch
    {
        CounterpartyKind.LegalEntity => LegalEntity,
        CounterpartyKind.IndividualEntrepreneur => IndividualEntrepreneur,
        _ => Person,
    };
}

/// <summary>
/// Reads the Russian default presets once per portal (<c>crm.requisite.preset.list</c>) by their stable XML_ID
/// (<c>#CRM_REQUISITE_PRESET_DEF_RU_COMPANY#</c>, <c>…_INDIVIDUAL#</c>, <c>…_PERSON#</c>): an admin may delete or
/// re-create presets, so the ids 1/2/3 of a fresh portal are only the fallback.
/// </summary>
public sealed class RequisitePresets
{
    private readonly ConcurrentDictionary<string, PresetIds> cache = new(StringComparer.Ordinal);

    public async Task<PresetIds> ForAsync(IBitrix24Client client, string memberId, CancellationToken ct)
    {
        if (cache.TryGetValue(memberId, out var known))
        {
            return known;
        }
        var rows = new List<JObject>();
        await foreach (var row in client.Crm.Requisites.ListPresetsAsync(new { ENTITY_TYPE_ID = 8 }, ct))
        {
            rows.Add(row);
        }
        long Find(string suffix, long fallback) =>
            rows.FirstOrDefault(r => (r.Value<string>("XML_ID") ?? "").EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && r.Value<string>("ACTIVE") != "N") is { } r && long.TryParse(r.Value<string>("ID"), out var id) ? id : fallback;
        var ids = new PresetIds(Find("_RU_COMPANY#", 1), Find("_RU_INDIVIDUAL#", 2), Find("_RU_PERSON#", 3));
        cache[memberId] = ids;
        return ids;
    }
}
