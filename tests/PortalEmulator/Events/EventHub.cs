using System.Globalization;
using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Events;

/// <summary>
/// Event bindings and the offline queue of one portal. Online handlers get a queued POST (no retry); offline
/// bindings collect one record per event and object. Nothing is delivered before installFinish.
/// </summary>
public sealed class EventHub(EmulatedPortal portal)
{
    private readonly object _gate = new();
    private readonly List<EventBinding> _bindings = [];
    private readonly List<OfflineEvent> _offline = [];
    private readonly Dictionary<int, DateTimeOffset> _lastSignal = [];
    private int _nextBinding = 1;
    private int _nextOffline = 1;

    public IReadOnlyList<EventBinding> Bindings
    {
        get
        {
            lock (_gate)
            {
                return _bindings.ToList();
            }
        }
    }

    public IReadOnlyList<OfflineEvent> OfflineQueue
    {
        get
        {
            lock (_gate)
            {
                return _offline.ToList();
            }
        }
    }

    internal EventBinding Bind(string eventName, string? handler, int authType, bool offline, string? authConnector, int minTimeoutSeconds = 0)
    {
        lock (_gate)
        {
            var binding = new EventBinding(_nextBinding++, eventName.ToUpperInvariant(), handler, authType, offline, authConnector) { MinTimeoutSeconds = minTimeoutSeconds };
            _bindings.Add(binding);
            return binding;
        }
    }

    internal bool Exists(string eventName, string? handler, int authType, bool offline)
    {
        lock (_gate)
        {
            return _bindings.Any(b => b.Event == eventName.ToUpperInvariant() && b.AuthType == authType && b.Offline == offline
                && (b.Handler == handler || (b.Handler is not null && handler is not null && Rest.HandlerUrl.Same(b.Handler, handler))));
        }
    }

    internal int Unbind(Func<EventBinding, bool> match)
    {
        lock (_gate)
        {
            return _bindings.RemoveAll(b => match(b));
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            _bindings.Clear();
            _offline.Clear();
        }
    }

    /// <summary>Delivers an event to online handlers and records it for offline ones.</summary>
    /// <param name="data">The <c>data</c> member, e.g. <c>{"FIELDS":{"ID":"5"}}</c>.</param>
    /// <param name="actingUserId">Whose tokens are attached (null = caused by a robot/agent: no tokens).</param>
    public void Raise(string eventName, JsonObject data, int? actingUserId, string? authConnector = null)
    {
        var name = eventName.ToUpperInvariant();
        if (portal.App.State != AppState.Installed)
        {
            return;
        }
        List<EventBinding> bound;
        lock (_gate)
        {
            bound = _bindings.Where(b => b.Event == name).ToList();
        }
        foreach (var binding in bound.Where(b => !b.Offline && b.Handler is not null))
        {
            var userId = binding.AuthType > 0 ? binding.AuthType : actingUserId;
            Deliver(binding, name, data, userId, withRefresh: false);
        }
        if (bound.Any(b => b.Offline && (authConnector is null || b.AuthConnector != authConnector)))
        {
            RecordOffline(name, data, authConnector);
            SignalOffline();
        }
    }

    /// <summary>ONOFFLINEEVENT tells online handlers that the queue has items, at most once per minTimeout.</summary>
    private void SignalOffline()
    {
        var now = portal.Time.GetUtcNow();
        List<EventBinding> due;
        lock (_gate)
        {
            due = _bindings.Where(b => b.Event == "ONOFFLINEEVENT" && !b.Offline && b.Handler is not null
                && (!_lastSignal.TryGetValue(b.Id, out var last) || now - last >= TimeSpan.FromSeconds(b.MinTimeoutSeconds))).ToList();
            foreach (var b in due)
            {
                _lastSignal[b.Id] = now;
            }
        }
        foreach (var b in due)
        {
            Deliver(b, "ONOFFLINEEVENT", new JsonObject(), b.AuthType > 0 ? b.AuthType : 1, withRefresh: true);
        }
    }

    internal void Deliver(EventBinding binding, string name, JsonObject data, int? userId, bool withRefresh)
    {
        var form = new JsonObject
        {
            ["event"] = name,
            ["event_handler_id"] = binding.Id.ToString(CultureInfo.InvariantCulture),
            ["data"] = data.DeepClone(),
            ["ts"] = portal.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["auth"] = portal.AuthBlock(userId, withRefresh),
        };
        portal.Delivery.Enqueue("event:" + name, new Uri(binding.Handler!), form);
    }

    private void RecordOffline(string name, JsonObject data, string? authConnector)
    {
        var objectId = (data["FIELDS"] as JsonObject)?["ID"]?.ToString() ?? "";
        var messageId = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name + "|" + objectId)));
        lock (_gate)
        {
            var now = portal.Time.GetUtcNow();
            var pending = _offline.FirstOrDefault(e => e.MessageId == messageId && e.ProcessId is null && !e.Error);
            if (pending is not null)
            {
                pending.Timestamp = now;
                pending.Data = (JsonObject)data.DeepClone();
                return;
            }
            _offline.Add(new OfflineEvent
            {
                Id = _nextOffline++,
                EventName = name,
                MessageId = messageId,
                Timestamp = now,
                Data = (JsonObject)data.DeepClone(),
                AuthConnector = authConnector,
            });
        }
    }

    /// <summary>Takes up to <paramref name="limit"/> free records; reserves them for the process or deletes them.</summary>
    internal (string ProcessId, List<OfflineEvent> Events) Take(Func<OfflineEvent, bool> filter, int limit, bool clear, string? processId, bool errors, bool descending)
    {
        lock (_gate)
        {
            var pid = string.IsNullOrEmpty(processId) ? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) : processId;
            var candidates = _offline.Where(e => e.ProcessId is null && e.Error == errors && filter(e));
            candidates = descending ? candidates.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id) : candidates.OrderBy(e => e.Timestamp).ThenBy(e => e.Id);
            var taken = candidates.Take(limit).ToList();
            foreach (var e in taken)
            {
                if (clear)
                {
                    _offline.Remove(e);
                }
                else
                {
                    e.ProcessId = pid;
                }
            }
            return (pid, taken);
        }
    }

    internal int ClearReserved(string processId, ISet<int>? ids, ISet<string>? messageIds)
        => RemoveOrMark(processId, ids, messageIds, markError: false);

    internal int MarkError(string processId, ISet<string>? messageIds)
        => RemoveOrMark(processId, null, messageIds, markError: true);

    private int RemoveOrMark(string processId, ISet<int>? ids, ISet<string>? messageIds, bool markError)
    {
        lock (_gate)
        {
            var hits = _offline.Where(e => e.ProcessId == processId
                && (ids is null || ids.Contains(e.Id))
                && (messageIds is null || messageIds.Contains(e.MessageId))).ToList();
            foreach (var e in hits)
            {
                if (markError)
                {
                    e.Error = true;
                    e.ProcessId = null;
                }
                else
                {
                    _offline.Remove(e);
                }
            }
            return hits.Count;
        }
    }
}
