using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WineB24.Bitrix24App.Events;
using WineB24.Bitrix24App.Install;
using WineB24.Bitrix24App.Jobs;
using WineB24.Bitrix24App.Portals;
using WineB24.Bitrix24App.Registrations;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;
using WineB24.Placements.Settings;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Bitrix24Client.Limits;

namespace WineB24.Bitrix24App.Hosting;

/// <summary>The hosted app's own services: settings, storage, tokens, install, registrar, events and jobs.</summary>
public static class AppModule
{
    public static IServiceCollection AddWineB24App(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<AppOptions>()
            .Bind(configuration.GetSection(AppOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<DataProtectionSettings>()
            .Bind(configuration.GetSection(DataProtectionSettings.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var keys = configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        var keysPath = Path.IsPathRooted(keys.KeysPath) ? keys.KeysPath : Path.GetFullPath(Path.Combine(contentRoot, keys.KeysPath));
        Directory.CreateDirectory(keysPath);
        services.AddDataProtection()
            .SetApplicationName(DataProtectionSettings.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(keysPath));

        services.TryAddSingleton(TimeProvider.System);
        services.AddAppStorage(configuration, contentRoot);
        // Before the job scheduler's hosted service: jobs must find each portal's plan limits already applied.
        services.AddHostedService<PortalPlanLoader>();
        services.AddAppJobs(configuration, contentRoot);

        services.AddSingleton<PortalSecrets>();
        services.AddSingleton<PortalRegistry>();
        services.AddSingleton<EfTokenStore>();
        services.AddSingleton<ITokenStore>(sp => sp.GetRequiredService<EfTokenStore>());
        services.AddSingleton<EfPortalDirectory>();
        services.AddSingleton<IPortalDirectory>(sp => sp.GetRequiredService<EfPortalDirectory>());
        services.TryAddSingleton<InboundCallVerifier>();
        services.AddSingleton<IPortalConnectionState, PortalConnectionState>();
        services.AddSingleton<IPortalEndpointChanges, PortalEndpointChanges>();
        // Registered before the SDK so its TryAdd keeps the app's plan-aware limit settings.
        services.AddSingleton<PortalPlanLimits>();
        services.AddSingleton<IPortalLimitSettings>(sp => sp.GetRequiredService<PortalPlanLimits>());
        services.AddBitrix24Client(configuration);

        services.AddTransient<InstallConfirmation>();
        services.AddTransient<Registrar>();
        services.AddTransient<LifecycleEvents>();
        services.AddTransient<OfflineSweepSchedule>();

        services.AddSingleton<InboundEventStore>();
        services.AddTransient<EventDispatcher>();
        services.AddHostedService<PendingEventRecovery>();
        return services;
    }
}
