using System.Text.RegularExpressions;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Robots.Catalogue;

/// <summary>
/// Every robot the app offers. Declares them to the registrar (handler <c>/robots/{code}</c>) and finds the
/// robot for an incoming call. Codes are checked once here so a bad code fails at start-up, not on a portal.
/// </summary>
public sealed partial class RobotCatalogue : IAppManifestContributor
{
    private readonly Dictionary<string, IRobot> _robots = new(StringComparer.Ordinal);

    public RobotCatalogue(IEnumerable<IRobot> robots)
    {
        foreach (var robot in robots)
        {
            var code = robot.Definition.Code;
            if (!CodeShape().IsMatch(code))
            {
                throw new InvalidOperationException($"Robot code '{code}' must match wineb24_[a-z0-9_]+");
            }
            if (robot.Definition.HandlerPath != HandlerPathFor(code))
            {
                throw new InvalidOperationException($"Robot '{code}' must be served at {HandlerPathFor(code)}");
            }
            if (!_robots.TryAdd(code, robot))
            {
                throw new InvalidOperationException($"Robot code '{code}' is declared twice");
            }
        }
    }

    public static string HandlerPathFor(string code) => "/robots/" + code;

    public IRobot? Find(string code) => _robots.GetValueOrDefault(code);

    public IEnumerable<RobotDefinition> Robots => _robots.Values.Select(r => r.Definition);
    public IEnumerable<PlacementDefinition> Placements => [];
    public IEnumerable<EventBindingDefinition> Events => [];
    public IEnumerable<TriggerDefinition> Triggers => [];
    public IEnumerable<UserFieldDefinition> UserFields => [];

    [GeneratedRegex("^wineb24_[a-z0-9_]+$")]
    private static partial Regex CodeShape();
}
