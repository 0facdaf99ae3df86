namespace WineB24.Bitrix24App.Registrations;

public static class RegistrationKind
{
    public const string Robot = "robot";
    public const string Placement = "placement";
    public const string Event = "event";
    public const string Trigger = "trigger";
    public const string UserField = "userfield";
}

/// <summary>The outcome for one registration; <see cref="Error"/> null means it is in place on the portal.</summary>
/// <see cref="DefinitionHash"/> fingerprints what was declared (and is in place) for it.
public sealed record RegistrationEntry(string Kind, string Key, string? Handler, string? Error, string? DefinitionHash = null);

/// <summary>What a convergence did and what failed, in the order it happened.</summary>
public sealed class RegistrationLog
{
    private readonly List<RegistrationEntry> _entries = [];
    private readonly List<string> _removed = [];

    public IReadOnlyList<RegistrationEntry> Entries => _entries;

    /// <summary>Stale registrations that were removed (kind + key), for the log.</summary>
    public IReadOnlyList<string> Removed => _removed;

    public bool HasErrors => _entries.Any(e => e.Error is not null);

    public void Ok(string kind, string key, string? handler, string? definitionHash = null) => _entries.Add(new(kind, key, handler, null, definitionHash));

    public void Failed(string kind, string key, string? handler, string error) => _entries.Add(new(kind, key, handler, error));

    public void RemovedStale(string kind, string key) => _removed.Add($"{kind} {key}");
}
