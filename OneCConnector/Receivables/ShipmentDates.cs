using WineB24.OneCConnector.OData;
using static WineB24.OneCConnector.OData.ODataValues;

namespace WineB24.OneCConnector.Receivables;

/// <summary>
/// Dates of the shipment documents that still carry debt, read by key in small <c>or</c> batches: long filters make
/// the URL too long for the publication's web server (414/404), so a batch stays at 20 keys.
/// </summary>
internal static class ShipmentDates
{
    private const int Batch = 20;

    public static async Task<Dictionary<string, DateOnly>> ReadAsync(ODataClient client, string documents, IEnumerable<string> keys, CancellationToken ct)
    {
        var dates = new Dictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in keys.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(Batch))
        {
            var filter = string.Join(" or ", chunk.Select(k => "Ref_Key eq " + ODataLiteral.Guid(k)));
            await foreach (var doc in client.GetAllAsync(ODataQuery.Set(documents) with { Filter = filter, Select = ["Ref_Key", "Date"] }, ct))
            {
                if (Date(doc, "Date") is { } d) dates[Text(doc, "Ref_Key")] = d;
            }
        }
        return dates;
    }
}
