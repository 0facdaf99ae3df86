using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Placements.Frames;
using WineB24.Placements.Settings;
using WineB24.Placements.Settings.OneCExchange;
using WineB24.Placements.Settings.OneCSync;

namespace WineB24.Placements;

/// <summary>
/// The feature project's single entry point for the composition root (Bitrix24App/Program.cs).
/// Expects from the host: <see cref="IPortalDirectory"/>, the SDK's <c>IBitrix24ClientFactory</c>, Data Protection
/// with a persisted key ring (added here with defaults if the host has not), optionally
/// <see cref="IPortalConnectionState"/>; and the 1C connector (<c>AddOneCConnector</c>: exchange credentials and journal)
/// for the settings page's 1C section.
/// </summary>
public static class PlacementsModule
{
    public static IServiceCollection AddPlacements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<InboundCallVerifier>();
        services.AddSingleton<FrameSessions>();
        services.AddSingleton<SessionFilter>();
        services.AddSingleton<AdminFilter>();
        services.AddScoped<SettingsStateReader>();
        services.AddSingleton<OneCExchangeReader>();
        services.AddSingleton<OneCSyncReader>();
        services.AddSingleton<ConnectionCheck>();
        services.AddSingleton<PlacementCatalogue>();
        services.AddSingleton<IAppManifestContributor>(sp => sp.GetRequiredService<PlacementCatalogue>());
        return services;
    }

    public static IEndpointRouteBuilder MapPlacements(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/placements/{code}", FrameEndpoint.HandleAsync).DisableAntiforgery();
        var api = endpoints.MapGroup("/api/placements").AddEndpointFilter<SessionFilter>();
        api.MapGet("/default/state", SettingsEndpoints.StateAsync);
        // The page's content for its own refresh: session-guarded, read-only; admin controls follow the session's flag.
        endpoints.MapGet(SettingsEndpoints.ContentPath, SettingsEndpoints.ContentAsync).AddEndpointFilter<SessionFilter>();
        endpoints.MapGet(OneCExchangeEndpoints.StatePath, OneCExchangeEndpoints.StateAsync).AddEndpointFilter<SessionFilter>();
        // Changes: a valid session first, then an admin behind it (filters run in the order added).
        endpoints.MapPost(OneCExchangeEndpoints.PasswordPath, OneCExchangeEndpoints.IssuePasswordAsync)
            .AddEndpointFilter<SessionFilter>().AddEndpointFilter<AdminFilter>();
        endpoints.MapPost(OneCExchangeEndpoints.RevokePath, OneCExchangeEndpoints.RevokeAsync)
            .AddEndpointFilter<SessionFilter>().AddEndpointFilter<AdminFilter>();
        endpoints.MapGet(OneCExchangeEndpoints.FailedPath, OneCExchangeEndpoints.FailedFilesAsync).AddEndpointFilter<SessionFilter>();
        endpoints.MapPost(OneCExchangeEndpoints.ReplayPath, OneCExchangeEndpoints.ReplayAsync)
            .AddEndpointFilter<SessionFilter>().AddEndpointFilter<AdminFilter>();
        MapOneCSync(endpoints);
        return endpoints;
    }

    private static void MapOneCSync(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OneCSyncEndpoints.StatePath, OneCSyncEndpoints.StateAsync).AddEndpointFilter<SessionFilter>();
        // The check is admin-only too: it makes the server call an address the caller chose.
        foreach (var (path, handler) in new (string, Delegate)[]
        {
            (OneCSyncEndpoints.ConnectionPath, OneCSyncEndpoints.SaveConnectionAsync),
            (OneCSyncEndpoints.CheckPath, OneCSyncEndpoints.CheckAsync),
            (OneCSyncEndpoints.StagesPath, OneCSyncEndpoints.SaveStagesAsync),
            (OneCSyncEndpoints.DismissPath, OneCSyncEndpoints.DismissAsync),
            (OneCSyncEndpoints.RetryPath, OneCSyncEndpoints.RetryAsync),
        })
        {
            endpoints.MapPost(path, handler).AddEndpointFilter<SessionFilter>().AddEndpointFilter<AdminFilter>();
        }
    }
}
