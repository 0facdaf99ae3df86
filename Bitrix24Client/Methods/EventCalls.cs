using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Methods;

/// <summary><c>event.*</c> bindings and the offline event queue (sheet §5).</summary>
public sealed class EventCalls(IBitrix24Client client)
{
    /// <summary>
    /// event.bind — IdempotentWrite (a repeat may answer that the handler exists; unbind first to converge).
    /// Online: <paramref name="handler"/> required. Offline: no handler; <paramref name="authConnector"/> optional.
    /// </summary>
    public async Task<bool> BindAsync(string eventName, Uri? handler, bool offline = false, int? authType = null,
        string? authConnector = null, object? options = null, CancellationToken cancellationToken = default)
    {
        if (!offline && handler is null) throw new ArgumentNullException(nameof(handler), "Online events need a handler URL");
        var body = new JObject { ["event"] = eventName };
        if (handler is not null) body["handler"] = handler.ToString();
        if (offline) body["event_type"] = "offline";
        if (authType is not null) body["auth_type"] = authType;
        if (authConnector is not null) body["auth_connector"] = authConnector;
        if (options is not null) body["options"] = PortalClient.ToJObject(options);
        return Results.Flag(await client.CallAsync("event.bind", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>event.unbind — IdempotentWrite; returns how many bindings went.</summary>
    public async Task<int> UnbindAsync(string eventName, Uri? handler, bool offline = false, int? authType = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JObject { ["event"] = eventName };
        if (handler is not null) body["handler"] = handler.ToString();
        if (offline) body["event_type"] = "offline";
        if (authType is not null) body["auth_type"] = authType;
        var r = await client.CallAsync("event.unbind", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false);
        return r.Result is JObject o ? o.Value<int?>("count") ?? 0 : 0;
    }

    /// <summary>event.get — Read: the app's bindings.</summary>
    public async Task<JArray> GetAsync(CancellationToken cancellationToken = default) =>
        Results.Array(await client.CallAsync("event.get", null, CallKind.Read, cancellationToken).ConfigureAwait(false), "event.get");

    /// <summary>
    /// event.offline.get — IdempotentWrite. Unlike the portal's default, <paramref name="clear"/> is false here:
    /// the safe loop reserves (clear=0), processes, then calls <see cref="ClearOfflineAsync"/> or
    /// <see cref="ErrorOfflineAsync"/> with the returned process id.
    /// </summary>
    public async Task<OfflineEvents> GetOfflineAsync(bool clear = false, int limit = 50, object? filter = null, object? order = null,
        string? processId = null, string? authConnector = null, bool failedOnly = false, CancellationToken cancellationToken = default)
    {
        var body = new JObject { ["clear"] = clear ? 1 : 0, ["limit"] = limit };
        if (filter is not null) body["filter"] = PortalClient.ToJObject(filter);
        if (order is not null) body["order"] = PortalClient.ToJObject(order);
        if (processId is not null) body["process_id"] = processId;
        if (authConnector is not null) body["auth_connector"] = authConnector;
        if (failedOnly) body["error"] = 1;
        var r = await client.CallAsync("event.offline.get", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false);
        var result = Results.Object(r, "event.offline.get");
        return new OfflineEvents(result.Value<string?>("process_id"),
            (result["events"] as JArray)?.OfType<JObject>().ToList() ?? []);
    }

    /// <summary>event.offline.clear — IdempotentWrite: removes processed records (by record id or message id).</summary>
    public async Task<bool> ClearOfflineAsync(string processId, IEnumerable<long>? ids = null, IEnumerable<string>? messageIds = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JObject { ["process_id"] = processId };
        if (ids is not null) body["id"] = new JArray(ids);
        if (messageIds is not null) body["message_id"] = new JArray(messageIds);
        return Results.Flag(await client.CallAsync("event.offline.clear", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>event.offline.error — IdempotentWrite: marks records as failed.</summary>
    public async Task<bool> ErrorOfflineAsync(string processId, IEnumerable<string> messageIds, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("event.offline.error",
            new JObject { ["process_id"] = processId, ["message_id"] = new JArray(messageIds) },
            CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
}

/// <summary>One reservation from the offline queue: records are ID, TIMESTAMP_X, EVENT_NAME, EVENT_DATA, MESSAGE_ID….</summary>
public sealed record OfflineEvents(string? ProcessId, IReadOnlyList<JObject> Events);
