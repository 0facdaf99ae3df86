using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Limits;

namespace WineB24.Bitrix24Client.Setup;

public static class Bitrix24ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="Bitrix24ClientOptions"/> (section <c>Bitrix24</c> of <paramref name="configuration"/>,
    /// validated at start-up), <see cref="TimeProvider.System"/> unless one is registered, and the client factory as
    /// <see cref="IBitrix24ClientFactory"/> and <see cref="IPortalLimitSettings"/>. The app registers its own
    /// singleton <see cref="Auth.ITokenStore"/> and, optionally, <see cref="IPortalEndpointChanges"/>.
    /// </summary>
    public static IServiceCollection AddBitrix24Client(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<Bitrix24ClientOptions>()
            .Bind(configuration.GetSection(Bitrix24ClientOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Bitrix24ClientOptions>, Bitrix24ClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Bitrix24ClientFactory>();
        services.TryAddSingleton<IBitrix24ClientFactory>(sp => sp.GetRequiredService<Bitrix24ClientFactory>());
        services.TryAddSingleton<IPortalLimitSettings>(sp => sp.GetRequiredService<Bitrix24ClientFactory>());
        services.TryAddSingleton<IOAuthGrants>(sp => sp.GetRequiredService<Bitrix24ClientFactory>());
        return services;
    }
}
