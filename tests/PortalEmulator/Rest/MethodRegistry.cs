namespace WineB24.PortalEmulator.Rest;

/// <summary>The methods a portal knows. Anything else answers 404 ERROR_METHOD_NOT_FOUND (fail closed).</summary>
public sealed class MethodRegistry
{
    private readonly Dictionary<string, MethodDefinition> _methods = new(StringComparer.OrdinalIgnoreCase);

    public void Add(MethodDefinition definition) => _methods[definition.Name] = definition;

    public void Add(string name, string scope, Func<MethodCall, MethodResult> handler, bool appOnly = false, bool adminOnly = false)
        => Add(new MethodDefinition(name, scope, handler) { AppOnly = appOnly, AdminOnly = adminOnly });

    public MethodDefinition? Find(string name) => _methods.TryGetValue(name, out var d) ? d : null;

    public IEnumerable<string> Names => _methods.Keys;
}
