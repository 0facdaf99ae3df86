using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Auth;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Tests.Fakes;

/// <summary>
/// A loopback OAuth server (real HTTP, rotating refresh tokens) plus in-memory portals reached through
/// <see cref="IBitrix24ClientFactory"/>. Stands in for the shared portal emulator in these tests.
/// </summary>
public sealed class FakeCloud : IBitrix24ClientFactory, IAsyncDisposable
{
    public const string ClientId = "local.test";
    public const string ClientSecret = "test-secret";

    private readonly ConcurrentDictionary<string, FakePortal> _portals = new();
    private readonly ConcurrentDictionary<string, FakePortal> _refreshTokens = new();
    private WebApplication? _server;

    public Uri OAuthServer { get; private set; } = null!;
    public int RefreshCount;

    /// <summary>The app's token store, set once the app is built; ForPortal clients read tokens from it.</summary>
    public ITokenStore? TokenStore { get; set; }

    public static async Task<FakeCloud> StartAsync()
    {
        var cloud = new FakeCloud();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/oauth/token/", cloud.TokenAsync);
        await app.StartAsync();
        cloud._server = app;
        cloud.OAuthServer = new Uri(app.Urls.First() + "/");
        return cloud;
    }

    public FakePortal AddPortal(string? domain = null)
    {
        var memberId = Guid.NewGuid().ToString("N");
        var portal = new FakePortal(memberId, domain ?? $"p{memberId[..8]}.bitrix24.test");
        _portals[memberId] = portal;
        return portal;
    }

    /// <summary>A token pair as if the admin opened the app (what the installer POST carries).</summary>
    public (string Access, string Refresh) IssueTokens(FakePortal portal)
    {
        var access = "a" + Guid.NewGuid().ToString("N");
        var refresh = "r" + Guid.NewGuid().ToString("N");
        portal.AccessTokens[access] = 0;
        _refreshTokens[refresh] = portal;
        return (access, refresh);
    }

    public bool IsLiveRefreshToken(string refresh) => _refreshTokens.ContainsKey(refresh);

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Invalid client" }, statusCode: 401);
        }
        if (form["grant_type"] != "refresh_token" || !_refreshTokens.TryRemove(form["refresh_token"].ToString(), out var portal))
        {
            return Results.Json(new { error = "invalid_grant", error_description = "Invalid refresh token" }, statusCode: 400);
        }
        Interlocked.Increment(ref RefreshCount);
        var (access, refresh) = IssueTokens(portal);
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Results.Json(new
        {
            access_token = access,
            expires,
            expires_in = 3600,
            scope = "app",
            domain = OAuthServer.Authority,
            server_endpoint = OAuthServer + "rest/",
            status = "P",
            client_endpoint = portal.ClientEndpoint.ToString(),
            member_id = portal.MemberId,
            user_id = 1,
            refresh_token = refresh,
        });
    }

    public IBitrix24Client ForPortal(string memberId) => new StoredTokenClient(this, memberId);

    public IBitrix24Client ForWebhook(Uri webhookUrl) => throw new NotSupportedException("No webhooks in these tests.");

    public IBitrix24Client ForUnverifiedToken(Uri clientEndpoint, string accessToken)
    {
        var portal = _portals.Values.FirstOrDefault(p => p.ClientEndpoint == clientEndpoint);
        return new TokenClient(portal, accessToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private sealed class TokenClient(FakePortal? portal, string accessToken) : IBitrix24Client
    {
        public string? MemberId => portal?.MemberId;

        public Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default)
        {
            if (portal is null)
            {
                throw new HttpRequestException("No such host");
            }
            var p = parameters is null ? new JObject() : parameters as JObject ?? JObject.FromObject(parameters);
            return Task.FromResult(new Bitrix24Response(portal.Execute(method, p, accessToken), null, null, null));
        }
    }

    private sealed class StoredTokenClient(FakeCloud cloud, string memberId) : IBitrix24Client
    {
        public string? MemberId => memberId;

        public async Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default)
        {
            var tokens = await (cloud.TokenStore ?? throw new InvalidOperationException("TokenStore not set")).GetAsync(memberId, cancellationToken)
                ?? throw new Bitrix24Exception("NO_AUTH_FOUND", "Wrong authorization data", 401, method);
            var portal = cloud._portals.Values.FirstOrDefault(p => p.ClientEndpoint == tokens.ClientEndpoint)
                ?? throw new HttpRequestException("No such host");
            return await new TokenClient(portal, tokens.AccessToken).CallAsync(method, parameters, kind, cancellationToken);
        }
    }

    /// <summary>A free loopback port for an app that must know its public URL before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
