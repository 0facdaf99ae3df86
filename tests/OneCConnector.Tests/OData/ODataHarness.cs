using Microsoft.Extensions.Logging.Abstractions;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Tests.Support;
using WineB24.OneCEmulator.OData;

namespace WineB24.OneCConnector.Tests.OData;

/// <summary>A generated trade infobase served by the fake OData service, and clients pointed at it.</summary>
internal sealed class ODataHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private ODataHarness(TradeInfobase trade, FakeODataService service)
    {
        Trade = trade;
        Service = service;
    }

    public TradeInfobase Trade { get; }
    public FakeODataService Service { get; }
    public ManualTimeProvider Time { get; } = new(AsOf);

    public ODataOptions Options { get; } = new()
    {
        PageSize = 50, MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromMilliseconds(1), RequestTimeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<ODataHarness> StartAsync(int counterparties = 300, int seed = 42, CounterpartyShape shape = CounterpartyShape.Trade)
    {
        var trade = TradeInfobase.Generate(seed, counterparties, AsOf.UtcDateTime, shape);
        var service = await FakeODataService.StartAsync(trade.Infobase);
        return new ODataHarness(trade, service);
    }

    public ODataConnection Connection => new(Service.BaseUri, Service.Login, Service.Password);

    public ODataClient Client(ODataConnection? connection = null) =>
        new(_http, connection ?? Connection, Options, Time, NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Service.DisposeAsync();
    }
}
