using Microsoft.AspNetCore.Builder;
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
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector;

/// <summary>The feature project's single entry point for the composition root (Bitrix24App/Program.cs).</summary>
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
        services.AddSingleton<ExchangeJournal>();
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
        services.AddSingleton<CataloguePushLease>();
        services.AddSingleton<CataloguePusher>();
        services.AddSingleton<ICatalogImportSink, CatalogueSink>();
        services.AddHostedService<CataloguePushWorker>();
        services.AddSingleton<StockAndPriceQuery>();
        services.TryAddSingleton<IOrderExportSource, NoPendingOrders>();
        services.AddSingleton<IPortalDataCleaner, OneCPortalDataCleaner>();
        return services;
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
