using WineB24.Bitrix24App.Events;
using WineB24.Bitrix24App.Health;
using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24App.Install;
using WineB24.Bitrix24App.Logging;
using WineB24.Bitrix24App.Storage;
using WineB24.OneCConnector;
using WineB24.Placements;
using WineB24.Robots;

namespace WineB24.Bitrix24App;

/// <summary>
/// Builds the whole app. Settings come from appsettings.json, environment variables and <paramref name="args"/>
/// (e.g. <c>--App:PublicUrl=…</c>); <c>configure</c> runs after every registration so tests can replace services.
/// The database is migrated before the app is returned.
/// </summary>
public static class AppHost
{
    public static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AppHost).Assembly.GetName().Name,
        });
        builder.AddAppLogging();

        builder.Services.AddWineB24App(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddOneCConnector(builder.Configuration);
        builder.Services.AddRobots(builder.Configuration);
        builder.Services.AddPlacements(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.MigrateAppDatabase();
        app.UseRequestLogging();
        app.MapHealth();
        app.MapInstall();
        app.MapEvents();
        app.MapOneCConnector();
        app.MapRobots();
        app.MapPlacements();
        return app;
    }
}
