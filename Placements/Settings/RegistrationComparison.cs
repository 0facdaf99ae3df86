using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements.Settings;

public enum RegistrationStatus { Ok, Missing, Extra }

/// <summary>One robot, placement or event binding: declared by the app, present on the portal, or both.</summary>
public sealed record RegistrationRow(string Kind, string Name, RegistrationStatus Status);

/// <summary>
/// Compares what the catalogues declare with what the portal reports now. Handlers are compared by path: the
/// portal holds absolute URLs on the app's public address, the catalogues hold paths.
/// </summary>
public static class RegistrationComparison
{
    public const string Robot = "robot";
    public const string Placement = "placement";
    public const string Event = "event";

    public static IEnumerable<string> DeclaredRobots(IEnumerable<IAppManifestContributor> contributors) =>
        contributors.SelectMany(c => c.Robots).Select(r => r.Code);

    public static IEnumerable<string> DeclaredPlacements(IEnumerable<IAppManifestContributor> contributors) =>
        contributors.SelectMany(c => c.Placements).Select(p => PlacementName(p.Placement, p.HandlerPath));

    public static IEnumerable<string> DeclaredEvents(IEnumerable<IAppManifestContributor> contributors) =>
        contributors.SelectMany(c => c.Events).Select(e => EventName(e.Event, e.Offline, e.HandlerPath));

    /// <summary><c>bizproc.robot.list</c> → codes.</summary>
    public static IEnumerable<string> PortalRobots(JToken result) =>
        result is JArray a ? a.Select(t => t.ToString()) : [];

    /// <summary><c>placement.get</c> → <c>[{placement, handler, …}]</c>.</summary>
    public static IEnumerable<string> PortalPlacements(JToken result) =>
        result is JArray a
            ? a.OfType<JObject>().Select(p => PlacementName(p.Value<string>("placement") ?? "", PathOf(p.Value<string>("handler"))))
            : [];

    /// <summary><c>event.get</c> → <c>[{event, handler, auth_type, offline}]</c>.</summary>
    public static IEnumerable<string> PortalEvents(JToken result) =>
        result is JArray a
            ? a.OfType<JObject>().Select(e => EventName(e.Value<string>("event") ?? "", IsOffline(e["offline"]), PathOf(e.Value<string>("handler"))))
            : [];

    public static IReadOnlyList<RegistrationRow> Compare(string kind, IEnumerable<string> declared, IEnumerable<string> onPortal)
    {
        var want = declared.ToHashSet(StringComparer.Ordinal);
        var have = onPortal.ToHashSet(StringComparer.Ordinal);
        return want.Union(have)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new RegistrationRow(kind, n,
                want.Contains(n) && have.Contains(n) ? RegistrationStatus.Ok
                : want.Contains(n) ? RegistrationStatus.Missing
                : RegistrationStatus.Extra))
            .ToList();
    }

    private static string PlacementName(string placement, string handlerPath) => $"{placement.ToUpperInvariant()} → {handlerPath}";

    private static string EventName(string ev, bool offline, string? handlerPath) =>
        offline ? $"{ev.ToUpperInvariant()} (offline)" : $"{ev.ToUpperInvariant()} → {handlerPath}";

    private static bool IsOffline(JToken? token) =>
        token is not null && token.Type != JTokenType.Null && token.ToString() is "1" or "Y" or "true" or "True";

    internal static string PathOf(string? handler)
    {
        if (string.IsNullOrEmpty(handler)) return "";
        return Uri.TryCreate(handler, UriKind.Absolute, out var uri) ? uri.AbsolutePath : handler;
    }
}
