using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Events;

/// <summary>event.bind/unbind/get and the offline queue methods (app context only).</summary>
public static class EventMethods
{
    public static readonly IReadOnlySet<string> Known = BuildKnown();

    public static void Register(MethodRegistry registry)
    {
        registry.Add("event.bind", "basic", Bind, appOnly: true);
        registry.Add("event.unbind", "basic", Unbind, appOnly: true, adminOnly: true);
        registry.Add("event.get", "basic", Get, appOnly: true);
        registry.Add("events", "basic", _ => new JsonArray(Known.Order().Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()), appOnly: true);
        registry.Add("event.offline.get", "basic", OfflineGet, appOnly: true, adminOnly: true);
        registry.Add("event.offline.clear", "basic", OfflineClear, appOnly: true, adminOnly: true);
        registry.Add("event.offline.error", "basic", OfflineError, appOnly: true, adminOnly: true);
        registry.Add("event.offline.list", "basic", OfflineList, appOnly: true, adminOnly: true);
    }

    private static IReadOnlySet<string> BuildKnown()
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            "ONAPPINSTALL", "ONAPPUNINSTALL", "ONAPPUPDATE", "ONAPPPAYMENT", "ONAPPMETHODCONFIRM", "ONOFFLINEEVENT",
            "ONCRMDEALMOVETOCATEGORY", "ONCRMADDRESSREGISTER", "ONCRMADDRESSUNREGISTER", "ONUSERADD",
            "CATALOG.PRODUCT.ON.ADD", "CATALOG.PRODUCT.ON.UPDATE", "CATALOG.PRODUCT.ON.DELETE",
        };
        foreach (var entity in new[] { "LEAD", "DEAL", "CONTACT", "COMPANY", "REQUISITE", "BANKDETAIL", "TIMELINECOMMENT", "ACTIVITY", "PRODUCT", "DYNAMICITEM", "QUOTE" })
        {
            foreach (var action in new[] { "ADD", "UPDATE", "DELETE" })
            {
                names.Add($"ONCRM{entity}{action}");
            }
        }
        foreach (var entity in new[] { "LEAD", "DEAL", "CONTACT", "COMPANY", "QUOTE", "REQUISITE" })
        {
            foreach (var action in new[] { "ADD", "UPDATE", "DELETE", "SETENUMVALUES" })
            {
                names.Add($"ONCRM{entity}USERFIELD{action}");
            }
        }
        return names;
    }

    private static MethodResult Bind(MethodCall call)
    {
        var name = (call.Text("event") ?? "").Trim().ToUpperInvariant();
        if (!Known.Contains(name))
        {
            throw new RestError(400, "ERROR_EVENT_NOT_FOUND", "Event not found");
        }
        var offline = string.Equals(call.Text("event_type"), "offline", StringComparison.OrdinalIgnoreCase);
        var authType = call.Int("auth_type") ?? 0;
        if (!call.Caller.IsAdmin && (offline || (authType != 0 && authType != call.Caller.UserId)))
        {
            throw RestError.AccessDenied();
        }
        string? handler = null;
        if (!offline)
        {
            handler = HandlerUrl.RequireText(call.Text("handler"), "handler");
        }
        if (call.Portal.Events.Exists(name, handler, authType, offline))
        {
            throw RestError.Core("Handler already binded");
        }
        var minTimeout = Json.Int(Json.Get(call.Param("options") as JsonObject, "minTimeout")) ?? 0;
        call.Portal.Events.Bind(name, handler, authType, offline, call.Text("auth_connector"), Math.Max(0, minTimeout));
        return MethodResult.True;
    }

    private static MethodResult Unbind(MethodCall call)
    {
        var name = (call.Text("event") ?? "").Trim().ToUpperInvariant();
        var offline = string.Equals(call.Text("event_type"), "offline", StringComparison.OrdinalIgnoreCase);
        var handler = call.Text("handler");
        // Docs: an omitted parameter matches everything; auth_type=0 or empty means only the user-less handlers.
        int? authType = call.Param("auth_type") is null ? null : call.Int("auth_type") ?? 0;
        var count = call.Portal.Events.Unbind(b => b.Event == name && b.Offline == offline
            && (offline || string.IsNullOrEmpty(handler) || (b.Handler is not null && HandlerUrl.Same(b.Handler, handler)))
            && (authType is null || b.AuthType == authType));
        return new JsonObject { ["count"] = count };
    }

    private static MethodResult Get(MethodCall call)
    {
        var list = new JsonArray();
        foreach (var b in call.Portal.Events.Bindings)
        {
            var row = new JsonObject
            {
                ["event"] = b.Event,
                ["handler"] = b.Handler ?? "",
                ["auth_type"] = CrmStore.Str(b.AuthType),
                ["offline"] = b.Offline ? 1 : 0,
            };
            if (b.AuthConnector is not null)
            {
                row["connector_id"] = b.AuthConnector;
            }
            list.Add(row);
        }
        return list;
    }

    private static JsonObject Row(OfflineEvent e, bool withState)
    {
        var row = new JsonObject
        {
            ["ID"] = CrmStore.Str(e.Id),
            ["TIMESTAMP_X"] = e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["EVENT_NAME"] = e.EventName,
            ["EVENT_DATA"] = e.Data.DeepClone(),
            ["EVENT_ADDITIONAL"] = new JsonArray(),
            ["MESSAGE_ID"] = e.MessageId,
        };
        if (withState)
        {
            row["PROCESS_ID"] = e.ProcessId ?? "";
            row["ERROR"] = e.Error ? "1" : "0";
        }
        return row;
    }

    private static MethodResult OfflineGet(MethodCall call)
    {
        var filter = RecordFilter.Build(call.Param("filter"), n => n.ToUpperInvariant());
        var connector = call.Text("auth_connector");
        var limit = Math.Clamp(call.Int("limit") ?? 50, 1, 1000);
        var clear = call.Param("clear") is null || Json.Flag(call.Param("clear"));
        var descending = call.Param("order") is JsonObject o && o.Any(kv => string.Equals(Json.Text(kv.Value), "DESC", StringComparison.OrdinalIgnoreCase));
        var (processId, events) = call.Portal.Events.Take(
            e => (connector is null || e.AuthConnector != connector) && filter(Row(e, false)),
            limit, clear, call.Text("process_id"), Json.Flag(call.Param("error")), descending);
        var list = new JsonArray();
        foreach (var e in events)
        {
            list.Add(Row(e, false));
        }
        // With clear=1 nothing is reserved; the docs' example then shows process_id null.
        var reported = clear && string.IsNullOrEmpty(call.Text("process_id")) ? null : processId;
        return new JsonObject { ["process_id"] = reported, ["events"] = list };
    }

    private static string RequireProcess(MethodCall call)
        => call.Text("process_id") is { Length: > 0 } p ? p : throw RestError.Argument400("process_id", "Parameter process_id is required");

    private static MethodResult OfflineClear(MethodCall call)
    {
        var process = RequireProcess(call);
        var ids = call.Param("id") is { } idNode ? Json.Items(idNode).Select(Json.Int).OfType<int>().ToHashSet() : null;
        var messages = call.Param("message_id") is { } m ? Json.Items(m).Select(Json.Text).OfType<string>().ToHashSet() : null;
        call.Portal.Events.ClearReserved(process, ids, messages);
        return MethodResult.True;
    }

    private static MethodResult OfflineError(MethodCall call)
    {
        var process = RequireProcess(call);
        var messages = call.Param("message_id") is { } m ? Json.Items(m).Select(Json.Text).OfType<string>().ToHashSet() : null;
        call.Portal.Events.MarkError(process, messages);
        return MethodResult.True;
    }

    private static MethodResult OfflineList(MethodCall call)
    {
        var rows = call.Portal.Events.OfflineQueue.Select(e => Row(e, true));
        var page = RecordList.Run(rows, call.Param("filter"), call.Param("order"), call.Param("start"), n => n.ToUpperInvariant());
        return RecordList.ToResult(page, r => r);
    }
}
