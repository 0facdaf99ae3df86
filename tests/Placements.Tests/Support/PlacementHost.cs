using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using WineB24.OneCConnector;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.Placements.Settings;
using WineB24.Robots;
using WineB24.Robots.Tests.Support.Emulator;

namespace WineB24.Placements.Tests.Support;

/// <summary>
/// AddPlacements/MapPlacements (with the robot catalogue they compare with and the 1C connector the settings page
/// reads) on Kestrel 127.0.0.1:0, reaching an emulated portal through the real SDK, the connector on a SQLite file.
/// </summary>
public sealed class PlacementHost : IAsyncDisposable
{
    public const string PublicUrl = "https://wine.example.ru/";

    private readonly WebApplication _app;
    private readonly EmulatedInstall _install;
    private readonly string _dir;

    private readonly FrameRequests _frames;

    private PlacementHost(WebApplication app, EmulatedInstall install, EmulatedPortal portal, string dir, HttpClient http, FrameRequests frames)
    {
        _frames = frames;
        _app = app;
        _install = install;
        _dir = dir;
        Portal = portal;
        Http = http;
    }

    public EmulatedPortal Portal { get; }

    /// <summary>The viewer tokens the last hand-built frame POST carried.</summary>
    public IssuedTokens? LastTokens { get; private set; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;
    public Uri ApplicationUrl => new(Http.BaseAddress!, "placements/default");

    /// <summary>How many frame POSTs (<c>POST /placements/{code}</c>) the host has received, from any client.</summary>
    public int FramePosts => _frames.Count;

    public static async Task<PlacementHost> StartAsync(TimeProvider clock, string language = "ru", FakeConnectionState? connection = null,
        Func<string, Dictionary<string, string?>>? settingsFor = null)
    {
        var install = await EmulatedInstall.StartAsync();
        var portal = await install.InstallAsync(language);
        var dir = Directory.CreateTempSubdirectory("wineb24-placements-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dir });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(install.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:PublicUrl"] = PublicUrl,
            ["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(dir, "app.db"),
            ["OneC:ExchangeRoot"] = Path.Combine(dir, "1c"),
        });
        // Settings that name the portal (OneC:Portals:{member_id}) are made once its member_id exists.
        if (settingsFor is not null) builder.Configuration.AddInMemoryCollection(settingsFor(portal.MemberId));
        builder.Services.AddSingleton(clock);
        install.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddSingleton<IPortalConnectionState>(connection ?? new FakeConnectionState());
        builder.Services.AddRouting();
        // Keys in memory: the tests must not write a key ring into the user's profile.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // The connector's OData schedules live on the host's Quartz scheduler (RAM here; never started, nothing fires).
        builder.Services.AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = "placements-" + Guid.NewGuid().ToString("N")));
        builder.Services.AddOneCConnector(builder.Configuration);
        builder.Services.AddRobots(builder.Configuration);
        builder.Services.AddPlacements(builder.Configuration);
        var app = builder.Build();
        var frames = new FrameRequests();
        app.Use((http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/placements")) frames.Seen();
            return next(http);
        });
        app.MapRobots();
        app.MapPlacements();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlacementHost(app, install, portal, dir, new HttpClient { BaseAddress = new Uri(address) }, frames);
    }

    /// <summary>A user opens the app in Bitrix24: the portal posts the frame to the Application URL.</summary>
    public async Task<string> OpenAsUserAsync(int userId = 1, string? lang = null)
    {
        var response = await Portal.OpenApplicationAsync(ApplicationUrl, userId, lang);
        if (response.Status != 200) throw new InvalidOperationException($"the page answered {response.Status}: {response.Body}");
        return response.Body;
    }

    /// <summary>
    /// A frame POST built by hand (sheet §11 a / i), for what the portal itself never sends: a forged token, a
    /// foreign DOMAIN. The viewer's tokens are real ones the portal issued to <paramref name="userId"/>.
    /// </summary>
    public Task<HttpResponseMessage> PostFrameAsync(string code = "default", string lang = "ru", string? appToken = null,
        string? memberId = null, string? domain = null, int userId = 1, string protocol = "0")
    {
        var (path, form) = FrameRequest(code, lang, appToken, memberId, domain, userId, protocol);
        return Http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>
    /// The frame POST Bitrix24 sends when <paramref name="userId"/> opens the page: the path with its query and the
    /// form fields, for an HTTP client or a browser to send.
    /// </summary>
    public (string Path, Dictionary<string, string> Form) FrameRequest(string code = "default", string lang = "ru", string? appToken = null,
        string? memberId = null, string? domain = null, int userId = 1, string protocol = "0")
    {
        var tokens = LastTokens = Portal.IssueTokens(userId);
        var form = new Dictionary<string, string>
        {
            ["AUTH_ID"] = tokens.AccessToken,
            ["AUTH_EXPIRES"] = "3600",
            ["REFRESH_ID"] = tokens.RefreshToken,
            ["SERVER_ENDPOINT"] = "https://oauth.bitrix.info/rest/",
            ["APPLICATION_TOKEN"] = appToken ?? Portal.App.ApplicationToken,
            ["APPLICATION_SCOPE"] = "crm,bizproc,placement,user",
            ["member_id"] = memberId ?? Portal.MemberId,
            ["status"] = "P",
            ["PLACEMENT"] = code.ToUpperInvariant(),
        };
        var path = $"/placements/{code}?DOMAIN={Uri.EscapeDataString(domain ?? Portal.Domain)}&PROTOCOL={protocol}&LANG={Uri.EscapeDataString(lang)}&APP_SID=7f3a9c0e11d24b6a";
        return (path, form);
    }

    /// <summary>A call to the pages' JSON API with the session the page carries.</summary>
    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string? session)
    {
        var request = new HttpRequestMessage(method, path);
        if (session is not null) request.Headers.Add(Placements.Frames.FrameSessions.Header, session);
        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _install.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private sealed class FrameRequests
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Seen() => Interlocked.Increment(ref _count);
    }
}
