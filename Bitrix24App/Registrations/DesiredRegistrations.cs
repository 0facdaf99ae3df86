using WineB24.Bitrix24App.Hosting;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Bitrix24App.Registrations;

public sealed record DesiredRobot(RobotDefinition Definition, string Handler);

public sealed record DesiredPlacement(PlacementDefinition Definition, string Handler)
{
    public string Key => $"{Definition.Placement.ToUpperInvariant()} {Handler}";
}

/// <summary>An event binding; offline bindings have no handler.</summary>
public sealed record DesiredEvent(string Event, bool Offline, string? Handler)
{
    public string Key => Offline ? $"{Event} offline" : $"{Event} {Handler}";
}

/// <summary>
/// Everything every <see cref="IAppManifestContributor"/> declares, with handler URLs made absolute from
/// <c>App:PublicUrl</c>, plus the lifecycle events the app itself always needs. Duplicates collapse.
/// </summary>
public sealed record DesiredRegistrations(
    IReadOnlyList<DesiredRobot> Robots,
    IReadOnlyList<DesiredPlacement> Placements,
    IReadOnlyList<DesiredEvent> Events,
    IReadOnlyList<TriggerDefinition> Triggers,
    IReadOnlyList<UserFieldDefinition> UserFields)
{
    public const string EventsPath = "/events";

    public static readonly IReadOnlyList<string> LifecycleEvents = ["ONAPPINSTALL", "ONAPPUPDATE", "ONAPPUNINSTALL"];

    public bool HasOfflineEvents => Events.Any(e => e.Offline);

    public static DesiredRegistrations From(IEnumerable<IAppManifestContributor> contributors, AppOptions app)
    {
        var all = contributors.ToList();
        var robots = all.SelectMany(c => c.Robots)
            .DistinctBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new DesiredRobot(r, app.HandlerUrl(r.HandlerPath)))
            .ToList();
        var placements = all.SelectMany(c => c.Placements)
            .Select(p => new DesiredPlacement(p, app.HandlerUrl(p.HandlerPath)))
            .DistinctBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        var events = LifecycleEvents.Select(e => new DesiredEvent(e, false, app.HandlerUrl(EventsPath)))
            .Concat(all.SelectMany(c => c.Events).Select(e => e.Offline
                ? new DesiredEvent(e.Event.ToUpperInvariant(), true, null)
                : new DesiredEvent(e.Event.ToUpperInvariant(), false, app.HandlerUrl(e.HandlerPath))))
            .DistinctBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        var triggers = all.SelectMany(c => c.Triggers).DistinctBy(t => t.Code, StringComparer.Ordinal).ToList();
        var userFields = all.SelectMany(c => c.UserFields)
            .DistinctBy(f => $"{f.Entity.ToLowerInvariant()}.{UserFieldRegistrations.FullName(f.FieldName)}", StringComparer.Ordinal)
            .ToList();
        return new DesiredRegistrations(robots, placements, events, triggers, userFields);
    }
}
