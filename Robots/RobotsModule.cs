using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WineB24.Robots;

/// <summary>The feature project's single entry point for the composition root (Bitrix24App/Program.cs).</summary>
public static class RobotsModule
{
    public static IServiceCollection AddRobots(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapRobots(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
