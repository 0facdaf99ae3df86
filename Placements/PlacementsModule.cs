using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WineB24.Placements;

/// <summary>The feature project's single entry point for the composition root (Bitrix24App/Program.cs).</summary>
public static class PlacementsModule
{
    public static IServiceCollection AddPlacements(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapPlacements(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
