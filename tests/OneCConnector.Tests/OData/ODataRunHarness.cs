using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Calls;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Tests.Receivables;
using WineB24.OneCConnector.Tests.Support;

namespace WineB24.OneCConnector.Tests.OData;

/// <summary>The scheduled-run pieces wired by hand over a test database, the fake 1C and an in-test counterparty sink.</summary>
internal sealed class ODataRunHarness : IAsyncDisposable
{
    public const string Member = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private ODataRunHarness(ODataHarness oneC, Dictionary<string, ODataPortalSettings>? configured)
    {
        OneC = oneC;
        Options = new ODataOptions
        {
            PageSize = oneC.Options.PageSize, MaxAttempts = oneC.Options.MaxAttempts, FirstRetryDelay = oneC.Options.FirstRetryDelay,
            RequestTimeout = oneC.Options.RequestTimeout, AuthRetryInterval = TimeSpan.FromHours(1),
            Portals = configured ?? new(StringComparer.OrdinalIgnoreCase),
        };
        Connections = new ODataConnections(Db, Protection, Microsoft.Extensions.Options.Options.Create(Options), OneC.Time);
        var exchange = Microsoft.Extensions.Options.Options.Create(new OneCExchangeOptions { ExchangeRoot = Path.Combine(Db.Directory, "1c") });
        var failed = new FailedFiles(Db, new UploadStore(exchange), exchange, OneC.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<FailedFiles>.Instance);
        Journal = new ExchangeJournal(Db, failed, OneC.Time);
    }

    public ODataHarness OneC { get; }
    public TestDatabase Db { get; } = new();
    public EphemeralDataProtectionProvider Protection { get; } = new();
    public ODataOptions Options { get; }
    public ODataConnections Connections { get; }
    public ExchangeJournal Journal { get; }
    public InMemoryCompanies Companies { get; } = new();
    public HttpClientFactory Http { get; } = new();

    public static async Task<ODataRunHarness> StartAsync(int counterparties = 120, Dictionary<string, ODataPortalSettings>? configured = null) =>
        new(await ODataHarness.StartAsync(counterparties), configured);

    public ODataPortalSettings Settings(string? password = null, OneCConfiguration configuration = OneCConfiguration.Ut11) => new()
    {
        Url = OneC.Service.BaseUri.AbsoluteUri, Login = OneC.Service.Login, Password = password ?? OneC.Service.Password,
        Configuration = configuration, ReceivablesEveryMinutes = 15, CounterpartiesEveryMinutes = 60,
    };

    public ODataSyncRunner Runner(IBitrix24ClientFactory? portals = null) => new(
        Connections,
        new ODataClientFactory(Http, Microsoft.Extensions.Options.Options.Create(Options), OneC.Time, NullLoggerFactory.Instance),
        Journal,
        new ReceivablesSync(Db, Companies, OneC.Time, NullLogger<ReceivablesSync>.Instance),
        Companies,
        new StockPull(Db, [new StockAndPriceStore(Db, OneC.Time)]),
        portals ?? new NoPortals(),
        NullLogger<ODataSyncRunner>.Instance);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await OneC.DisposeAsync();
        Db.Dispose();
    }

    internal sealed class HttpClientFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };
        public HttpClient CreateClient(string name) => _client;
        public void Dispose() => _client.Dispose();
    }

    /// <summary>For runs that must not reach Bitrix24 (counterparties, 1C failures): any call is a test failure.</summary>
    private sealed class NoPortals : IBitrix24ClientFactory
    {
        public IBitrix24Client ForPortal(string memberId) => new Refusing();
        public IBitrix24Client ForWebhook(Uri webhookUrl) => throw new InvalidOperationException("not in this test");
        public IBitrix24Client ForUnverifiedToken(Uri clientEndpoint, string accessToken) => throw new InvalidOperationException("not in this test");

        private sealed class Refusing : IBitrix24Client
        {
            public string? MemberId => null;
            public Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default) =>
                throw new InvalidOperationException("This test expects no Bitrix24 call, got " + method);
        }
    }
}
