using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WineB24.Bitrix24Client.Apps;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.CommerceML;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Exchange;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.CommerceML.Orders;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
using WineB24.OneCConnector.OData;
using WineB24.OneCConnector.Receivables;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector;

/// <summary>
/// The feature project's single entry point for the composition root (Bitrix24App/Program.cs). Expects from the host:
/// Quartz (<c>AddQuartz</c>; the OData schedules use its scheduler) and, for the OData pulls and the receivables
/// robot, the SDK's <c>IBitrix24ClientFactory</c> and the counterparty sync's <c>ICounterpartySink</c>/<c>ICounterpartyCompanies</c>.
/// </summary>
public static class OneCConnectorModule
{
    public static IServiceCollection AddOneCConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OneCExchangeOptions>()
            .Bind(configuration.GetSection(OneCExchangeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOneCStorage(configuration);

        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ExchangeCredentials>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<ArchiveUnpacker>();
        services.AddSingleton<FailedFiles>();
        services.AddSingleton<ExchangeJournal>();
        services.AddSingleton<FailedFileReplay>();
        services.AddSingleton<ExchangeSessions>();
        services.AddSingleton<ImportRuns>();
        services.AddSingleton<ExchangeFileImporter>();
        services.AddSingleton<ExchangeEndpoint>();
        services.AddSingleton<UnimportedFilesSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UnimportedFilesSweeper>());
        services.AddSingleton<ICatalogImportSink, StockAndPriceStore>();
        // After StockAndPriceStore: the catalogue sums the per-warehouse stock that store has just written.
        services.AddOptions<CatalogueOptions>()
            .Bind(configuration.GetSection(CatalogueOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CataloguePushSignal>();
        services.AddSingleton<PortalLease>();
        services.AddSingleton<CataloguePusher>();
        services.AddSingleton<ICatalogImportSink, CatalogueSink>();
        services.AddHostedService<CataloguePushWorker>();
        services.AddSingleton<StockAndPriceQuery>();
        services.AddCrmMapping(configuration);
        services.TryAddSingleton<IOrderExportSource, NoPendingOrders>();
        services.AddSingleton<IPortalDataCleaner, OneCPortalDataCleaner>();
        services.AddOneCOData(configuration);
        return services;
    }

    /// <summary>
    /// The OData pulls: client, per-portal connections and Quartz schedules, receivables snapshot and company fields.
    /// Expects from the host: Quartz (<c>AddQuartz</c>), Data Protection, <c>IBitrix24ClientFactory</c>, and the
    /// counterparty sync's <see cref="Counterparties.ICounterpartySink"/> / <see cref="Counterparties.ICounterpartyCompanies"/>.
    /// </summary>
    private static IServiceCollection AddOneCOData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ODataOptions>()
            .Bind(configuration.GetSection(ODataOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Portals.Values.All(p => p.ReceivablesEveryMinutes >= 0 && p.CounterpartiesEveryMinutes >= 0 && p.StockEveryMinutes >= 0
                && (string.IsNullOrWhiteSpace(p.Url) || Uri.TryCreate(p.Url, UriKind.Absolute, out _))),
                "OneC:OData:Portals: Url must be an absolute URL and intervals >= 0")
            .ValidateOnStart();
        // The client applies its own per-request timeout, so HttpClient's is off.
        services.AddHttpClient(ODataClientFactory.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddDataProtection();
        services.AddSingleton<ODataClientFactory>();
        services.AddSingleton<ODataConnections>();
        services.AddSingleton<ODataSchedules>();
        services.AddSingleton<ReceivablesStore>();
        services.AddSingleton<IReceivablesSnapshot>(sp => sp.GetRequiredService<ReceivablesStore>());
        services.AddSingleton<ReceivablesSync>();
        services.AddSingleton<StockPull>();
        services.AddSingleton<ODataSyncRunner>();
        services.AddTransient<ODataSyncJob>();
        services.AddHostedService<ODataScheduleStartup>();
        services.AddSingleton<IPortalDataCleaner, ODataPortalCleaner>();
        services.AddSingleton<IAppManifestContributor, ReceivableFields>();
        return services;
    }

    /// <summary>
    /// Counterparties → companies, order reports → deals, deals → 1C orders. Needs the host's
    /// <c>IBitrix24ClientFactory</c> at run time only: an exchange-only host starts, and its inbox simply waits.
    /// </summary>
    private static void AddCrmMapping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RequisitePresets>();
        services.AddSingleton<ReviewList>();
        services.AddSingleton<CounterpartySync>();
        services.AddSingleton<ICounterpartySink>(sp => sp.GetRequiredService<CounterpartySync>());
        services.AddSingleton<ICounterpartyCompanies>(sp => sp.GetRequiredService<CounterpartySync>());
        services.AddSingleton<IImportRule, LegalEntityWithoutInnRule>();
        services.AddSingleton<StageMap>();
        services.AddSingleton<DealStatusSync>();
        services.AddSingleton<OrderExportQueue>();
        services.AddOptions<SaleInboxOptions>()
            .Bind(configuration.GetSection(SaleInboxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SaleInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<SaleInbox>());
        services.AddSingleton<IOrderImportSink, SaleFileInbox>();
        services.AddSingleton<IOrderExportSource, DealOrderExport>();
        services.AddSingleton<IAppManifestContributor, DealUserFields>();
    }

    public static IEndpointRouteBuilder MapOneCConnector(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ExchangeEndpoint.Path, [HttpMethods.Get, HttpMethods.Post],
                (HttpContext ctx, ExchangeEndpoint exchange) => exchange.HandleAsync(ctx))
            .DisableAntiforgery()
            .WithName("OneCExchange");
        return endpoints;
    }
}
