using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Setup;
using WineB24.OneCConnector.Catalogue;
using WineB24.OneCConnector.Storage;
using WineB24.OneCConnector.Tests.Catalogue;
using WineB24.OneCEmulator.CommerceML;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;

namespace WineB24.OneCConnector.Tests.Support;

/// <summary>
/// One app (the connector's real endpoint, <see cref="ExchangeHost"/>) serving several emulated Standard-plan portals,
/// each with its own 1C exchange login, through the real SDK: what a hosted app with many portals does.
/// </summary>
internal sealed class PortalsHarness : IAsyncDisposable
{
    private const string ClientId = "local.wineb24.portals";
    private const string ClientSecret = "portals-secret";

    private PortalsHarness(Bitrix24Cloud cloud, IReadOnlyList<EmulatedPortal> portals, ExchangeHost host)
    {
        Cloud = cloud;
        Portals = portals;
        Host = host;
    }

    public Bitrix24Cloud Cloud { get; }
    public IReadOnlyList<EmulatedPortal> Portals { get; }
    public ExchangeHost Host { get; }

    public CataloguePusher Pusher => Host.App.Services.GetRequiredService<CataloguePusher>();

    /// <summary>Portal 0 is <see cref="ExchangeHost.MemberId"/>; the others get member ids and 1C logins of their own.</summary>
    public static async Task<PortalsHarness> StartAsync(int portals, int maxConcurrentPortals)
    {
        var cloud = await Bitrix24Cloud.StartAsync(new CloudOptions { ClientId = ClientId, ClientSecret = ClientSecret });
        var store = new PortalTokenStore();
        var list = new List<EmulatedPortal>();
        var settings = new Dictionary<string, string?>
        {
            ["OneC:Catalogue:MaxConcurrentPortals"] = maxConcurrentPortals.ToString(), ["OneC:SaleInbox:MaxConcurrentPortals"] = maxConcurrentPortals.ToString(),
        };
        for (var i = 0; i < portals; i++)
        {
            var memberId = i == 0 ? ExchangeHost.MemberId : $"c0ffee{i:D26}";
            var portal = await cloud.AddPortalAsync(new PortalOptions { MemberId = memberId, Plan = PortalPlan.Standard });
            var issued = portal.IssueTokens(1);
            store.Put(new PortalTokens(portal.MemberId, portal.ClientEndpoint, issued.AccessToken, issued.RefreshToken, issued.ExpiresAt));
            settings[$"OneC:Portals:{memberId}:Login"] = Login(i);
            settings[$"OneC:Portals:{memberId}:Password"] = ExchangeHost.Password;
            list.Add(portal);
        }
        var options = new Bitrix24ClientOptions { ClientId = ClientId, ClientSecret = ClientSecret, OAuthServer = cloud.OAuthServer };
        var host = await ExchangeHost.StartAsync(services =>
        {
            services.AddSingleton<ITokenStore>(store);
            services.AddSingleton<IBitrix24ClientFactory>(sp => new Bitrix24ClientFactory(Options.Create(options), sp, TimeProvider.System));
        }, settings);
        return new PortalsHarness(cloud, list, host);
    }

    public static string Login(int portal) => portal == 0 ? ExchangeHost.Login : $"{ExchangeHost.Login}-{portal}";

    /// <summary>Portal <paramref name="portal"/>'s 1C sends <paramref name="model"/> (the push then runs in the background).</summary>
    public async Task<ExchangeRunResult> ExchangeAsync(int portal, CatalogueModel model)
    {
        using var client = new ExchangeClient(new Uri(Host.BaseAddress, "1c/exchange"), Login(portal), ExchangeHost.Password);
        return await CatalogExchange.RunCatalogAsync(client, CatalogueHarness.Files(model), useZipWhenOffered: false);
    }

    /// <summary>A 1C client of portal <paramref name="portal"/> (sale exchanges, step by step).</summary>
    public OneCClient OneC(int portal) => new(Host.BaseAddress, Login(portal), ExchangeHost.Password);

    public Task<int> PendingAsync(int portal) => Pusher.PendingCountAsync(Portals[portal].MemberId, CancellationToken.None);

    /// <summary>Waits (≤ 60 s, polling) until portal <paramref name="portal"/> has nothing pending.</summary>
    public Task WaitForPushAsync(int portal) => Until(async () => await PendingAsync(portal) == 0, $"portal {portal}'s push to finish");

    /// <summary>Portals holding the catalogue lease now (each is being pushed by someone).</summary>
    public async Task<List<string>> PushingAsync()
    {
        await using var db = Host.Db();
        return await db.PortalLeases.AsNoTracking().Where(l => l.Purpose == PortalLease.CataloguePush).Select(l => l.MemberId).ToListAsync();
    }

    /// <summary>Whether the app logged <paramref name="text"/> for portal <paramref name="portal"/>.</summary>
    public bool Logged(int portal, string text) =>
        Host.Logs.Lines.Any(l => l.Text.Contains(text, StringComparison.Ordinal) && l.Text.Contains(Portals[portal].MemberId, StringComparison.Ordinal));

    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var portal in Portals)
        {
            portal.Faults.Clear(); // releases holds, so the host's shutdown is not stuck behind a held request
        }
        await Host.DisposeAsync();
        await Cloud.DisposeAsync();
    }
}
