using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.OData;

namespace WineB24.Placements.Settings.OneCSync;

/// <summary>Reads the 1C sync section's state for one portal from the connector's own services.</summary>
public sealed class OneCSyncReader(ODataConnections connections, IOptions<ODataOptions> options, StageMap stageMap, ReviewList review,
    IBitrix24ClientFactory portals, ILogger<OneCSyncReader> logger)
{
    public bool IsConfiguredOnServer(string memberId) =>
        options.Value.Portals.TryGetValue(memberId, out var p) && !string.IsNullOrWhiteSpace(p.Url);

    public async Task<OneCSyncState> ReadAsync(string memberId, string lang, CancellationToken ct) =>
        new(await ConnectionAsync(memberId, ct), await StagesAsync(memberId, lang, ct), await ReviewAsync(memberId, ct));

    public async Task<ODataConnectionState> ConnectionAsync(string memberId, CancellationToken ct)
    {
        var portal = await connections.GetAsync(memberId, ct);
        var defaults = new ODataPortalSettings();
        return portal is null
            ? new(null, null, false, defaults.Configuration.ToString(), defaults.ReceivablesEveryMinutes, defaults.CounterpartiesEveryMinutes,
                defaults.StockEveryMinutes, IsConfiguredOnServer(memberId))
            : new(portal.Connection.BaseUri.AbsoluteUri, portal.Connection.Login, portal.Connection.Password.Length > 0,
                portal.Preset.Configuration.ToString(), portal.ReceivablesEveryMinutes, portal.CounterpartiesEveryMinutes, portal.StockEveryMinutes,
                IsConfiguredOnServer(memberId));
    }

    /// <summary>The map (the connector builds its default from the portal on first use) and the stages to choose from.</summary>
    public async Task<StageMapState> StagesAsync(string memberId, string lang, CancellationToken ct)
    {
        try
        {
            var client = portals.ForPortal(memberId);
            var map = await stageMap.GetAsync(memberId, client, ct);
            var stages = await DealStages.ReadAllAsync(client, ct);
            var rows = map.ByStatus.OrderBy(kv => map.Label(kv.Key), StringComparer.CurrentCultureIgnoreCase)
                .Select(kv => new StageRow(map.Label(kv.Key), kv.Value.CategoryId, kv.Value.StageId)).ToList();
            return new StageMapState(rows, map.SendStages.Order(StringComparer.Ordinal).ToList(), stages, null);
        }
        catch (Exception e) when (e is Bitrix24Exception or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Deal stages of {MemberId} could not be read for the settings page", memberId);
            return new StageMapState([], [], [], OneCSyncTexts.StagesUnavailable.For(lang) + ": " + e.Message);
        }
    }

    public async Task<IReadOnlyList<ReviewItem>> ReviewAsync(string memberId, CancellationToken ct) =>
        (await review.ListAsync(memberId, ct)).Select(r => new ReviewItem(r.Subject, r.OneCId, NameOf(r.Payload), r.ReasonCode, r.Reason,
            DateTimeOffset.FromUnixTimeMilliseconds(r.FirstSeenAt), DateTimeOffset.FromUnixTimeMilliseconds(r.LastSeenAt),
            r.Subject == ReviewList.CounterpartySubject)).ToList();

    /// <summary>The counterparty's name from the held-back payload (a card, or an order report with its buyer), if any.</summary>
    private static string? NameOf(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return Find(doc.RootElement, 0);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Find(JsonElement e, int depth)
    {
        if (e.ValueKind != JsonValueKind.Object || depth > 3) return null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name is "Name" or "name" && p.Value.ValueKind == JsonValueKind.String) return p.Value.GetString();
        }
        foreach (var p in e.EnumerateObject())
        {
            if (Find(p.Value, depth + 1) is { } found) return found;
        }
        return null;
    }
}
