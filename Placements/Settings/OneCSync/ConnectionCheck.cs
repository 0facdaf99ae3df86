using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Apps;
using WineB24.OneCConnector.OData;

namespace WineB24.Placements.Settings.OneCSync;

/// <summary>
/// "Check connection": one cheap read (<c>Catalog_Контрагенты?$top=1&amp;$select=Ref_Key</c>, or the preset's / the
/// override's name) with a single try and a short timeout, so the admin gets an answer in seconds, not after the
/// scheduled runs' retries. The answer is the connector's own readable sentence.
/// </summary>
public sealed class ConnectionCheck(IHttpClientFactory httpClients, IOptions<ODataOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public async Task<ConnectionCheckResult> RunAsync(ODataConnection connection, ODataPreset preset, string lang, CancellationToken ct)
    {
        var quick = new ODataOptions
        {
            MaxAttempts = 1, FirstRetryDelay = TimeSpan.Zero, PageSize = options.Value.PageSize,
            RequestTimeout = options.Value.RequestTimeout < Timeout ? options.Value.RequestTimeout : Timeout,
        };
        var client = new ODataClient(httpClients.CreateClient(ODataClientFactory.HttpClientName), connection, quick, time, loggers.CreateLogger<ODataClient>());
        try
        {
            var rows = await client.GetAsync(ODataQuery.Set(preset.Counterparties) with { Top = 1, Select = ["Ref_Key"] }, ct);
            var text = new LocalizedText(
                $"{OneCSyncTexts.CheckOk.Ru} ({preset.Counterparties}: {(rows.Count == 0 ? "пусто" : "есть записи")}).",
                $"{OneCSyncTexts.CheckOk.En} ({preset.Counterparties}: {(rows.Count == 0 ? "empty" : "has records")}).");
            return new ConnectionCheckResult(true, text.For(lang));
        }
        catch (ODataException e)
        {
            return new ConnectionCheckResult(false, e.Text.For(lang));
        }
    }
}
