using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Robots.Catalogue;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Execution;
using WineB24.Robots.Intake;
using WineB24.Robots.OneCCounterparty;
using WineB24.Robots.Receivables;

namespace WineB24.Robots;

/// <summary>
/// The feature project's single entry point for the composition root (Bitrix24App/Program.cs).
/// Expects from the host: Quartz (<c>AddQuartz</c> with the persistent store and the hosted service),
/// <see cref="IPortalDirectory"/> and the SDK's <c>IBitrix24ClientFactory</c>; for «Проверить дебиторскую задолженность»
/// the counterparty sync's <c>ICounterpartyCompanies</c> and <c>IReceivablesSnapshot</c> (AddOneCConnector).
/// </summary>
public static class RobotsModule
{
    public static IServiceCollection AddRobots(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RobotsOptions>()
            .Bind(configuration.GetSection(RobotsOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.FirstRetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay,
                "Robots: MaxAttempts >= 1 and 0 <= FirstRetryDelay <= MaxRetryDelay")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<InboundCallVerifier>();

        services.AddSingleton<IRobot, CheckDuplicatesRobot>();
        services.AddSingleton<IRobot, CreateCounterpartyRobot>();
        services.AddSingleton<IRobot, CheckReceivablesRobot>();
        services.AddSingleton<RobotCatalogue>();
        services.AddSingleton<IAppManifestContributor>(sp => sp.GetRequiredService<RobotCatalogue>());
        services.AddSingleton<RobotQueue>();
        services.AddTransient<RobotRunJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapRobots(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/robots/{code}", RobotEndpoint.HandleAsync)
            .DisableAntiforgery()
            .WithName("RobotHandler");
        return endpoints;
    }
}
