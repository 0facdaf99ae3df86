using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Placements.Settings;
using WineB24.Robots;

namespace WineB24.Placements.Tests.Support;

/// <summary>AddPlacements/MapPlacements (and the robot catalogue they compare with) on Kestrel 127.0.0.1:0.</summary>
public sealed class PlacementHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlacementHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<PlacementHost> StartAsync(FakePortal portal, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<IPortalDirectory>(portal);
        builder.Services.AddSingleton<IBitrix24ClientFactory>(portal);
        builder.Services.AddSingleton<IPortalConnectionState>(portal);
        builder.Services.AddRouting();
        // Keys in memory: the tests must not write a key ring into the user's profile.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddRobots(builder.Configuration);
        builder.Services.AddPlacements(builder.Configuration);
        var app = builder.Build();
        app.MapRobots();
        app.MapPlacements();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlacementHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>The frame POST Bitrix24 sends when a user opens the app (sheet §11 a / i).</summary>
    public Task<HttpResponseMessage> OpenAsync(string code = "default", string lang = "ru", string appToken = FakePortal.AppToken,
        string memberId = FakePortal.MemberId, string domain = FakePortal.Domain, string? options = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AUTH_ID"] = "4b1f0c66000b9c94",
            ["AUTH_EXPIRES"] = "3600",
            ["REFRESH_ID"] = "3a9e1f66000b9c94",
            ["SERVER_ENDPOINT"] = "https://oauth.bitrix.info/rest/",
            ["APPLICATION_TOKEN"] = appToken,
            ["APPLICATION_SCOPE"] = "crm,bizproc,placement",
            ["member_id"] = memberId,
            ["status"] = "P",
            ["PLACEMENT"] = code.ToUpperInvariant(),
        };
        if (options is not null) form["PLACEMENT_OPTIONS"] = options;
        var url = $"/placements/{code}?DOMAIN={Uri.EscapeDataString(domain)}&PROTOCOL=1&LANG={Uri.EscapeDataString(lang)}&APP_SID=7f3a9c0e11d24b6a";
        return Http.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
