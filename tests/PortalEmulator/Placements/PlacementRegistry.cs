using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Placements;

/// <summary>A handler bound with placement.bind.</summary>
public sealed record PlacementBinding(string Placement, string Handler, int UserId, string Title, string Description, string GroupName, JsonNode? LangAll, JsonNode? Options);

public sealed class PlacementRegistry
{
    private readonly object _gate = new();
    private readonly List<PlacementBinding> _bindings = [];

    public IReadOnlyList<PlacementBinding> Bindings
    {
        get
        {
            lock (_gate)
            {
                return _bindings.ToList();
            }
        }
    }

    internal void Add(PlacementBinding binding)
    {
        lock (_gate)
        {
            _bindings.RemoveAll(b => b.Placement == binding.Placement && b.Handler == binding.Handler && b.UserId == binding.UserId);
            _bindings.Add(binding);
        }
    }

    internal int Remove(Func<PlacementBinding, bool> match)
    {
        lock (_gate)
        {
            return _bindings.RemoveAll(b => match(b));
        }
    }

    internal PlacementBinding? Find(string placement)
    {
        lock (_gate)
        {
            return _bindings.FirstOrDefault(b => b.Placement == placement);
        }
    }
}

/// <summary>App triggers (crm.automation.trigger.*) and the executions the app asked for.</summary>
public sealed class TriggerRegistry
{
    private readonly ConcurrentDictionary<string, string> _triggers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Code, int OwnerTypeId, int OwnerId)> _executed = new();

    public IReadOnlyDictionary<string, string> Triggers => _triggers;

    public IReadOnlyList<(string Code, int OwnerTypeId, int OwnerId)> Executed => _executed.ToList();

    internal void Set(string code, string name) => _triggers[code] = name;

    internal bool Remove(string code) => _triggers.TryRemove(code, out _);

    internal bool Exists(string code) => _triggers.ContainsKey(code);

    internal void Clear() => _triggers.Clear();

    internal void RecordExecution(string code, int ownerTypeId, int ownerId) => _executed.Enqueue((code, ownerTypeId, ownerId));
}
