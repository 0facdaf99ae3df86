using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Bizproc;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Delivery;
using WineB24.PortalEmulator.Events;
using WineB24.PortalEmulator.Faults;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Limits;
using WineB24.PortalEmulator.Placements;
using WineB24.PortalEmulator.Rest;
using WineB24.PortalEmulator.Users;

namespace WineB24.PortalEmulator.Portal;

/// <summary>
/// One Bitrix24 portal on <c>http://127.0.0.1:{port}/</c>: REST at <see cref="ClientEndpoint"/>, in-memory CRM,
/// robots, placements, events, limits, fault injection, and the calls a portal makes to the app.
/// </summary>
public sealed partial class EmulatedPortal : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, PortalUser> _users = new();
    private readonly ConcurrentDictionary<string, Webhook> _webhooks = new(StringComparer.Ordinal);
    private readonly List<LoopbackHost> _retiredHosts = [];
    private LoopbackHost? _host;
    private long _refreshCount;

    private EmulatedPortal(Bitrix24Cloud cloud, PortalOptions options)
    {
        Cloud = cloud;
        Options = options;
        Time = options.Time ?? cloud.Time;
        MemberId = options.MemberId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Bucket = new LeakyBucket(options.EffectiveRate, options.EffectiveBurst, Time);
        Operating = new OperatingBudget(options.OperatingLimitSeconds, Time);
        Faults = new FaultPlan(options.Seed);
        Delivery = new AppDelivery(TimeSpan.FromSeconds(30));
        Events = new EventHub(this);
        Crm = new CrmStore(this);
        Robots = new RobotRegistry();
        Placements = new PlacementRegistry();
        Triggers = new TriggerRegistry();
        Rest = new RestEndpoint(this);
        App.Status = options.AppStatus;
        _users[1] = new PortalUser(1, options.AdminName, options.AdminLastName, IsAdmin: true);
        MethodCatalog.RegisterAll(Methods);
    }

    public Bitrix24Cloud Cloud { get; }

    public PortalOptions Options { get; }

    public TimeProvider Time { get; }

    public string MemberId { get; }

    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:{port}</c> — what DOMAIN / auth[domain] carry.</summary>
    public string Domain => $"127.0.0.1:{Port}";

    public Uri BaseUrl => new($"http://{Domain}/");

    /// <summary><c>http://127.0.0.1:{port}/rest/</c></summary>
    public Uri ClientEndpoint => new(BaseUrl, "rest/");

    public AppInstallation App { get; } = new();

    public LeakyBucket Bucket { get; }

    public OperatingBudget Operating { get; }

    public PortalStats Stats { get; } = new();

    public FaultPlan Faults { get; }

    public AppDelivery Delivery { get; }

    public EventHub Events { get; }

    public CrmStore Crm { get; }

    public RobotRegistry Robots { get; }

    public PlacementRegistry Placements { get; }

    public TriggerRegistry Triggers { get; }

    public MethodRegistry Methods { get; } = new();

    internal RestEndpoint Rest { get; }

    /// <summary>Serialises method handlers: the in-memory stores are not concurrent.</summary>
    internal object Sync { get; } = new();

    /// <summary>When set, the OAuth server answers PAYMENT_REQUIRED and REST calls 402 PAYMENT_REQUIRED.</summary>
    public bool PaymentRequired { get; set; }

    /// <summary>When set, REST answers 410 PORTAL_DELETED and refreshes fail with invalid_grant.</summary>
    public bool Deleted { get; set; }

    /// <summary>Successful refreshes of this portal's tokens.</summary>
    public long RefreshCount => Interlocked.Read(ref _refreshCount);

    public IReadOnlyCollection<PortalUser> Users => _users.Values.OrderBy(u => u.Id).ToList();

    public IReadOnlyList<DeliveryRecord> Deliveries => Delivery.Log;

    internal static async Task<EmulatedPortal> StartAsync(Bitrix24Cloud cloud, PortalOptions options)
    {
        var portal = new EmulatedPortal(cloud, options);
        portal._host = await LoopbackHost.StartAsync(portal.HandleAsync, options.Port).ConfigureAwait(false);
        portal.Port = portal._host.Port;
        return portal;
    }

    /// <summary>Requests on a retired address get 302 to the same path on the current one, as after a domain rename.</summary>
    private Task HandleAsync(HttpContext ctx)
    {
        if (ctx.Connection.LocalPort != Port)
        {
            ctx.Response.StatusCode = StatusCodes.Status302Found;
            ctx.Response.Headers.Location = $"http://{Domain}{ctx.Request.Path}{ctx.Request.QueryString}";
            return Task.CompletedTask;
        }
        return Rest.HandleAsync(ctx);
    }

    /// <summary>
    /// Simulates a portal domain rename: the portal moves to a new port (new <see cref="Domain"/> and
    /// <see cref="ClientEndpoint"/>); the old address answers 302 with Location on the new one. Tokens stay valid.
    /// </summary>
    public async Task<Uri> MoveDomainAsync()
    {
        var host = await LoopbackHost.StartAsync(HandleAsync).ConfigureAwait(false);
        lock (Sync)
        {
            _retiredHosts.Add(_host!);
            _host = host;
            Port = host.Port;
        }
        return ClientEndpoint;
    }

    public PortalUser AddUser(string name, bool admin = false, string lastName = "")
    {
        var id = _users.Keys.DefaultIfEmpty(0).Max() + 1;
        var user = new PortalUser(id, name, lastName, admin);
        _users[id] = user;
        return user;
    }

    public PortalUser? FindUser(int id) => _users.TryGetValue(id, out var u) ? u : null;

    /// <summary>Tokens as if <paramref name="userId"/> opened the app (starts the installation if needed).</summary>
    public IssuedTokens IssueTokens(int userId = 1)
    {
        if (FindUser(userId) is null)
        {
            throw new ArgumentException($"no user {userId} on the portal", nameof(userId));
        }
        lock (Sync)
        {
            if (App.State is AppState.NotInstalled or AppState.Uninstalled)
            {
                App.Begin(Cloud.Options.AppVersion);
            }
        }
        return Cloud.Tokens.Issue(this, userId, Time.GetUtcNow(), Options.AccessTokenLifetime, Cloud.Options.RefreshTokenLifetime);
    }

    /// <summary>An inbound webhook URL <c>http://127.0.0.1:{port}/rest/{user}/{code}/</c>.</summary>
    public Uri CreateWebhook(int userId = 1, params string[] scopes)
    {
        if (FindUser(userId) is null)
        {
            throw new ArgumentException($"no user {userId} on the portal", nameof(userId));
        }
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var granted = scopes.Length == 0 ? Cloud.Options.Scope.Split(',') : scopes;
        _webhooks[code] = new Webhook(userId, code, new HashSet<string>(granted.Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase));
        return new Uri(ClientEndpoint, $"{userId}/{code}/");
    }

    /// <summary>Makes every access token issued so far expired now.</summary>
    public void ExpireAllAccessTokens() => Cloud.Tokens.ExpireAll(this, Time.GetUtcNow());

    internal void CountRefresh() => Interlocked.Increment(ref _refreshCount);

    internal Caller Authenticate(JsonObject parameters, int? webhookUser, string? webhookCode)
    {
        if (webhookCode is not null)
        {
            if (!_webhooks.TryGetValue(webhookCode, out var hook) || hook.UserId != webhookUser || FindUser(hook.UserId) is not { } hookOwner)
            {
                throw new RestError(401, "NO_AUTH_FOUND", "Wrong authorization data");
            }
            return new Caller(hookOwner.Id, hookOwner.IsAdmin, AuthKind.Webhook, hook.Code, hook.Scopes);
        }
        var token = Json.Text(Json.Get(parameters, "auth"));
        if (string.IsNullOrEmpty(token))
        {
            throw new RestError(401, "NO_AUTH_FOUND", "Wrong authorization data");
        }
        var grant = Cloud.Tokens.FindAccess(token);
        if (grant is null || grant.Portal != this)
        {
            throw new RestError(401, "invalid_token", "The access token provided is invalid.");
        }
        if (grant.Revoked)
        {
            throw App.State == AppState.Uninstalled
                ? new RestError(401, "ERROR_OAUTH", "Application not installed")
                : new RestError(401, "invalid_token", "The access token provided is invalid.");
        }
        if (grant.ExpiresAt <= Time.GetUtcNow())
        {
            throw new RestError(401, "expired_token", "The access token provided has expired.");
        }
        if (PaymentRequired)
        {
            throw new RestError(402, "PAYMENT_REQUIRED", "Payment required");
        }
        var user = FindUser(grant.UserId) ?? throw new RestError(401, "invalid_token", "The access token provided is invalid.");
        var scopes = new HashSet<string>(Cloud.Options.Scope.Split(',').Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);
        return new Caller(user.Id, user.IsAdmin, AuthKind.OAuth, token, scopes);
    }

    /// <summary>The <c>auth[…]</c> block of an event / robot call; tokens only when a user is given.</summary>
    internal JsonObject AuthBlock(int? userId, bool withRefresh)
    {
        var auth = new JsonObject();
        if (userId is { } uid && FindUser(uid) is not null && App.State != AppState.Uninstalled)
        {
            var issued = Cloud.Tokens.Issue(this, uid, Time.GetUtcNow(), Options.AccessTokenLifetime, Cloud.Options.RefreshTokenLifetime);
            auth["access_token"] = issued.AccessToken;
            auth["expires"] = issued.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            auth["expires_in"] = ((long)Options.AccessTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            auth["scope"] = Cloud.Options.Scope;
            if (withRefresh)
            {
                auth["refresh_token"] = issued.RefreshToken;
            }
            auth["user_id"] = uid.ToString(CultureInfo.InvariantCulture);
        }
        auth["domain"] = Domain;
        auth["server_endpoint"] = Cloud.ServerEndpoint.ToString();
        auth["status"] = App.Status;
        auth["client_endpoint"] = ClientEndpoint.ToString();
        auth["member_id"] = MemberId;
        auth["application_token"] = App.ApplicationToken;
        return auth;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
        foreach (var old in _retiredHosts)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }
        _retiredHosts.Clear();
        Delivery.Dispose();
    }

    private sealed record Webhook(int UserId, string Code, IReadOnlySet<string> Scopes);
}
