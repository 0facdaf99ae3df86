using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Converges robots: <c>bizproc.robot.list</c> gives the app's codes; declared ones are added, or updated unless
/// the portal already holds this exact definition (its hash, stored at the last converge, matches: the list gives
/// codes only, so without it every converge would re-send every robot); codes the app no longer declares are
/// deleted. The list only ever holds this app's robots.
/// </summary>
public static class RobotRegistrations
{
    public static async Task ConvergeAsync(IBitrix24Client client, JToken listed, IReadOnlyList<DesiredRobot> desired,
        IReadOnlyDictionary<string, string> storedHashes, RegistrationLog log, CancellationToken cancellationToken)
    {
        var existing = Codes(listed);
        foreach (var robot in desired)
        {
            var code = robot.Definition.Code;
            var hash = DefinitionHash.Of(Fields(robot));
            try
            {
                if (!existing.Contains(code))
                {
                    try
                    {
                        await client.CallAsync("bizproc.robot.add", AddParameters(robot), CallKind.Create, cancellationToken);
                    }
                    catch (Bitrix24Exception e) when (e.Code == "ERROR_ACTIVITY_ALREADY_INSTALLED")
                    {
                        // Added meanwhile (a concurrent install): converge its fields instead.
                        await UpdateAsync(client, robot, cancellationToken);
                    }
                }
                else if (!storedHashes.TryGetValue(code, out var stored) || stored != hash)
                {
                    await UpdateAsync(client, robot, cancellationToken);
                }
                // else: registered with exactly this definition and handler URL, nothing to send.
                log.Ok(RegistrationKind.Robot, code, robot.Handler, hash);
            }
            catch (Bitrix24Exception e)
            {
                log.Failed(RegistrationKind.Robot, code, robot.Handler, $"{e.Method}: {e.Code} {e.Description}");
            }
        }

        var declared = desired.Select(r => r.Definition.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in existing.Where(c => !declared.Contains(c)))
        {
            try
            {
                await client.CallAsync("bizproc.robot.delete", new JObject { ["CODE"] = stale }, CallKind.IdempotentWrite, cancellationToken);
                log.RemovedStale(RegistrationKind.Robot, stale);
            }
            catch (Bitrix24Exception e)
            {
                log.Failed(RegistrationKind.Robot, stale, null, $"stale robot not deleted: {e.Code} {e.Description}");
            }
        }
    }

    private static Task UpdateAsync(IBitrix24Client client, DesiredRobot robot, CancellationToken cancellationToken) =>
        client.CallAsync("bizproc.robot.update", new JObject { ["CODE"] = robot.Definition.Code, ["FIELDS"] = Fields(robot) }, CallKind.IdempotentWrite, cancellationToken);

    public static JObject AddParameters(DesiredRobot robot)
    {
        var parameters = new JObject { ["CODE"] = robot.Definition.Code };
        parameters.Merge(Fields(robot));
        return parameters;
    }

    /// <summary>Every field but CODE, as bizproc.robot.add takes them and bizproc.robot.update's FIELDS accepts.</summary>
    public static JObject Fields(DesiredRobot robot)
    {
        var d = robot.Definition;
        var fields = new JObject
        {
            ["HANDLER"] = robot.Handler,
            ["USE_SUBSCRIPTION"] = d.UseSubscription ? "Y" : "N",
            ["NAME"] = LangMap(d.Name),
            ["DESCRIPTION"] = LangMap(d.Description),
            ["PROPERTIES"] = Properties(d.Properties),
            ["RETURN_PROPERTIES"] = Properties(d.ReturnProperties),
        };
        if (d.DocumentTypes.Count > 0)
        {
            fields["DOCUMENT_TYPE"] = new JArray(d.DocumentTypes[0]);
            // Offer the robot only on the declared document types (partial types, as FILTER expects).
            fields["FILTER"] = new JObject
            {
                ["INCLUDE"] = new JArray(d.DocumentTypes.Select(t => new JArray(t.Take(2)))),
            };
        }
        return fields;
    }

    private static JObject Properties(IReadOnlyList<RobotProperty> properties)
    {
        var map = new JObject();
        foreach (var p in properties)
        {
            var property = new JObject
            {
                ["Name"] = LangMap(p.Name),
                ["Type"] = p.Type,
                ["Required"] = p.Required ? "Y" : "N",
                ["Multiple"] = p.Multiple ? "Y" : "N",
            };
            if (p.Description is not null)
            {
                property["Description"] = LangMap(p.Description);
            }
            if (p.Default is not null)
            {
                property["Default"] = p.Default;
            }
            if (p.Options is { Count: > 0 })
            {
                property["Options"] = JObject.FromObject(p.Options);
            }
            map[p.Key] = property;
        }
        return map;
    }

    internal static JObject LangMap(LocalizedText text) => new() { ["ru"] = text.Ru, ["en"] = text.En };

    private static HashSet<string> Codes(JToken result)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<JToken> items = result switch
        {
            JArray array => array,
            JObject map => map.Properties().Select(p => p.Value),
            _ => [],
        };
        foreach (var item in items)
        {
            var code = item is JObject o ? o["CODE"]?.ToString() : item.ToString();
            if (!string.IsNullOrEmpty(code))
            {
                codes.Add(code);
            }
        }
        return codes;
    }
}
