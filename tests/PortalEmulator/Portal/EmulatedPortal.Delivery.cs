using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Bizproc;
using WineB24.PortalEmulator.Delivery;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Portal;

/// <summary>What the portal sends to the app: installer and placement frames, lifecycle events, robot calls.</summary>
public sealed partial class EmulatedPortal
{
    /// <summary>The installer frame POST (§11(a)) for <paramref name="userId"/>; starts the installation.</summary>
    public Task<DeliveryResponse> PostInstallerAsync(Uri installerUrl, int userId = 1, string? lang = null)
        => PostFrameAsync("installer", installerUrl, "DEFAULT", null, userId, lang);

    /// <summary>The main app page (Application URL) as a user opens it: frame POST with PLACEMENT=DEFAULT.</summary>
    public Task<DeliveryResponse> OpenApplicationAsync(Uri applicationUrl, int userId = 1, string? lang = null)
    {
        if (App.State != AppState.Installed)
        {
            throw new InvalidOperationException("until installFinish Bitrix24 shows the installer, not the application page");
        }
        return PostFrameAsync("application", applicationUrl, "DEFAULT", null, userId, lang);
    }

    /// <summary>A placement frame POST (§11(i)) to the handler bound for <paramref name="placement"/>.</summary>
    public Task<DeliveryResponse> OpenPlacementAsync(string placement, string? optionsJson = null, int userId = 1, string? lang = null)
    {
        var binding = Placements.Find(placement) ?? throw new InvalidOperationException($"no handler bound for placement {placement}");
        if (App.State != AppState.Installed)
        {
            throw new InvalidOperationException("placements are shown only after installFinish");
        }
        return PostFrameAsync("placement:" + placement, new Uri(binding.Handler), placement, optionsJson, userId, lang);
    }

    private Task<DeliveryResponse> PostFrameAsync(string kind, Uri url, string placement, string? optionsJson, int userId, string? lang)
    {
        var tokens = IssueTokens(userId);
        var query = PhpForm.Build(new JsonObject
        {
            ["DOMAIN"] = Domain,
            ["PROTOCOL"] = "0",
            ["LANG"] = lang ?? Options.Language,
            ["APP_SID"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        });
        var form = new JsonObject
        {
            ["AUTH_ID"] = tokens.AccessToken,
            ["AUTH_EXPIRES"] = ((long)Options.AccessTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["REFRESH_ID"] = tokens.RefreshToken,
            ["SERVER_ENDPOINT"] = Cloud.ServerEndpoint.ToString(),
            ["APPLICATION_TOKEN"] = App.ApplicationToken,
            ["APPLICATION_SCOPE"] = Cloud.Options.Scope,
            ["member_id"] = MemberId,
            ["status"] = App.Status,
            ["PLACEMENT"] = placement,
        };
        if (optionsJson is not null)
        {
            form["PLACEMENT_OPTIONS"] = optionsJson;
        }
        var target = new UriBuilder(url) { Query = string.IsNullOrEmpty(url.Query) ? query : url.Query.TrimStart('?') + "&" + query }.Uri;
        return Delivery.PostAsync(kind, target, form);
    }

    /// <summary>BX24.installFinish(): the app becomes installed and ONAPPINSTALL goes to bound handlers.</summary>
    public void FinishInstall(int userId = 1)
    {
        lock (Sync)
        {
            if (App.State != AppState.Installing)
            {
                throw new InvalidOperationException($"installFinish in state {App.State}");
            }
            App.State = AppState.Installed;
        }
        var data = new JsonObject
        {
            ["VERSION"] = App.Version.ToString(CultureInfo.InvariantCulture),
            ["ACTIVE"] = "Y",
            ["INSTALLED"] = "Y",
            ["LANGUAGE_ID"] = Options.Language,
        };
        DeliverLifecycle("ONAPPINSTALL", data, userId);
    }

    /// <summary>
    /// A new app version: new application_token, ONAPPUPDATE with VERSION and PREVIOUS_VERSION.
    /// <paramref name="dropRegistrations"/> simulates the (unverified) documented case where an update removes the
    /// app's robots, placements and event handlers other than ONAPPUPDATE itself.
    /// </summary>
    public void UpdateApp(int version, int userId = 1, bool dropRegistrations = false)
    {
        int previous;
        lock (Sync)
        {
            previous = App.Version;
            App.Version = version;
            App.ApplicationToken = AppInstallation.NewApplicationToken();
            if (dropRegistrations)
            {
                Events.Unbind(b => b.Event != "ONAPPUPDATE");
                Robots.Clear();
                Placements.Remove(_ => true);
            }
        }
        var data = new JsonObject
        {
            ["VERSION"] = version.ToString(CultureInfo.InvariantCulture),
            ["PREVIOUS_VERSION"] = previous.ToString(CultureInfo.InvariantCulture),
            ["LANGUAGE_ID"] = Options.Language,
        };
        DeliverLifecycle("ONAPPUPDATE", data, userId);
    }

    /// <summary>Deletes the app: ONAPPUNINSTALL (no tokens), API access revoked, handlers/robots/placements removed.</summary>
    public void Uninstall(bool clean)
    {
        var bound = Events.Bindings.Where(b => b.Event == "ONAPPUNINSTALL" && !b.Offline && b.Handler is not null).ToList();
        var auth = AuthBlock(null, false);
        lock (Sync)
        {
            App.State = AppState.Uninstalled;
            Cloud.Tokens.RevokeAll(this);
            Events.Clear();
            Robots.Clear();
            Placements.Remove(_ => true);
            Triggers.Clear();
            if (clean)
            {
                App.Options.Clear();
            }
        }
        foreach (var b in bound)
        {
            Delivery.Enqueue("event:ONAPPUNINSTALL", new Uri(b.Handler!), new JsonObject
            {
                ["event"] = "ONAPPUNINSTALL",
                ["event_handler_id"] = b.Id.ToString(CultureInfo.InvariantCulture),
                ["data"] = new JsonObject { ["LANGUAGE_ID"] = Options.Language, ["CLEAN"] = clean ? "1" : "0" },
                ["ts"] = Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["auth"] = auth.DeepClone(),
            });
        }
    }

    private void DeliverLifecycle(string name, JsonObject data, int userId)
    {
        foreach (var b in Events.Bindings.Where(b => b.Event == name && !b.Offline && b.Handler is not null))
        {
            Events.Deliver(b, name, data, b.AuthType > 0 ? b.AuthType : userId, withRefresh: true);
        }
    }

    /// <summary>Raises an event as the portal would (online POSTs via the queue, offline records).</summary>
    /// <param name="fields">The <c>data[FIELDS]</c> content, e.g. <c>{"ID":"5"}</c>.</param>
    public void RaiseEvent(string eventName, JsonObject fields, int? userId = null)
        => Events.Raise(eventName, new JsonObject { ["FIELDS"] = fields.DeepClone() }, userId);

    /// <summary>Waits until every queued event POST has been attempted.</summary>
    public Task FlushDeliveriesAsync() => Delivery.FlushAsync();

    /// <summary>Runs a registered robot on a document (<c>DEAL_5</c>): POSTs §11(d) to its HANDLER and returns the event_token.</summary>
    public async Task<string> RunRobotAsync(string code, string documentId, JsonObject? properties = null, int userId = 1)
    {
        var robot = Robots.Find(code) ?? throw new InvalidOperationException($"robot {code} is not registered");
        if (App.State != AppState.Installed)
        {
            throw new InvalidOperationException("robots run only after installFinish");
        }
        var typeName = documentId.Contains('_') ? documentId[..documentId.LastIndexOf('_')] : documentId;
        var documentClass = DocumentClass(typeName);
        var workflowId = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(7))}.{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}";
        var signature = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var token = $"{workflowId}|A{RandomNumberGenerator.GetInt32(10000, 99999)}_{RandomNumberGenerator.GetInt32(10000, 99999)}_{RandomNumberGenerator.GetInt32(10000, 99999)}|{signature}";
        var useSubscription = Json.Text(Json.Get(robot, "USE_SUBSCRIPTION")) != "N";
        Robots.Start(new RobotRun(token, code, documentId, useSubscription));
        var authUser = Json.Int(Json.Get(robot, "AUTH_USER_ID")) is { } u and > 0 ? u : userId;
        var form = new JsonObject
        {
            ["workflow_id"] = workflowId,
            ["code"] = code,
            ["document_id"] = new JsonArray("crm", documentClass, documentId),
            ["document_type"] = new JsonArray("crm", documentClass, typeName),
            ["event_token"] = token,
            ["properties"] = properties?.DeepClone() ?? new JsonObject(),
            ["use_subscription"] = useSubscription ? "Y" : "N",
            ["timeout_duration"] = "0",
            ["ts"] = Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["auth"] = AuthBlock(authUser, withRefresh: true),
        };
        var handler = Json.Text(Json.Get(robot, "HANDLER")) ?? throw new InvalidOperationException("robot has no handler");
        await Delivery.PostAsync("robot:" + code, new Uri(handler), form).ConfigureAwait(false);
        return token;
    }

    public IReadOnlyList<RobotResult> RobotResults => Robots.Results;

    /// <summary>The result the app sent with bizproc.event.send for <paramref name="eventToken"/>.</summary>
    public Task<RobotResult> WaitForRobotResultAsync(string eventToken, TimeSpan timeout)
        => Robots.ResultOf(eventToken).WaitAsync(timeout, Time);

    private static string DocumentClass(string typeName) => typeName switch
    {
        "LEAD" => "CCrmDocumentLead",
        "DEAL" => "CCrmDocumentDeal",
        "CONTACT" => "CCrmDocumentContact",
        "COMPANY" => "CCrmDocumentCompany",
        "SMART_INVOICE" => "Bitrix\\Crm\\Integration\\BizProc\\Document\\SmartInvoice",
        "QUOTE" => "Bitrix\\Crm\\Integration\\BizProc\\Document\\Quote",
        _ => "Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic",
    };
}
