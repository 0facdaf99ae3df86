using System.Collections.Concurrent;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Cloud;

/// <summary>
/// Bitrix24 cloud on loopback: one OAuth server (<see cref="OAuthServer"/>: <c>oauth/token/</c> and <c>rest/</c> for
/// app.info) and any number of portals, each on its own port. Dispose to stop everything.
/// </summary>
public sealed class Bitrix24Cloud : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, EmulatedPortal> _portals = new(StringComparer.Ordinal);
    private LoopbackHost? _host;
    private long _refreshCount;

    private Bitrix24Cloud(CloudOptions options)
    {
        Options = options;
        Tokens = new TokenRegistry();
    }

    public CloudOptions Options { get; }

    public TimeProvider Time => Options.Time;

    public string ClientId => Options.ClientId;

    public string ClientSecret => Options.ClientSecret;

    /// <summary><c>http://127.0.0.1:{port}/</c></summary>
    public Uri OAuthServer { get; private set; } = null!;

    /// <summary><c>{OAuthServer}oauth/token/</c></summary>
    public Uri TokenEndpoint => new(OAuthServer, "oauth/token/");

    /// <summary><c>{OAuthServer}rest/</c> — the SERVER_ENDPOINT of every portal.</summary>
    public Uri ServerEndpoint => new(OAuthServer, "rest/");

    /// <summary>Host of the OAuth server as the token response reports it in <c>domain</c>.</summary>
    public string OAuthDomain => $"{OAuthServer.Host}:{OAuthServer.Port}";

    public TokenRegistry Tokens { get; }

    /// <summary>Successful refresh_token grants across all portals.</summary>
    public long RefreshCount => Interlocked.Read(ref _refreshCount);

    public IReadOnlyCollection<EmulatedPortal> Portals => _portals.Values.ToList();

    public static async Task<Bitrix24Cloud> StartAsync(CloudOptions? options = null)
    {
        var cloud = new Bitrix24Cloud(options ?? new CloudOptions());
        var server = new OAuthEndpoint(cloud);
        cloud._host = await LoopbackHost.StartAsync(server.HandleAsync, cloud.Options.OAuthPort).ConfigureAwait(false);
        cloud.OAuthServer = new Uri($"http://{cloud._host.Authority}/");
        return cloud;
    }

    public async Task<EmulatedPortal> AddPortalAsync(PortalOptions? options = null)
    {
        var portal = await EmulatedPortal.StartAsync(this, options ?? new PortalOptions()).ConfigureAwait(false);
        _portals[portal.MemberId] = portal;
        return portal;
    }

    public EmulatedPortal? FindPortal(string memberId) => _portals.TryGetValue(memberId, out var p) ? p : null;

    internal void CountRefresh() => Interlocked.Increment(ref _refreshCount);

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _portals.Values)
        {
            await p.DisposeAsync().ConfigureAwait(false);
        }
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
