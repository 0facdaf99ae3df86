using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Apps;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Adds declared app triggers that are missing (adding an existing CODE renames it, so a changed name is re-added).
/// Undeclared triggers are left alone: users attach them to pipeline stages.
/// </summary>
public static class TriggerRegistrations
{
    public static async Task ConvergeAsync(IBitrix24Client client, JToken listed, IReadOnlyList<TriggerDefinition> desired, string language, RegistrationLog log, CancellationToken cancellationToken)
    {
        var names = PlacementRegistrations.Items(listed)
            .Select(t => (Code: t["CODE"]?.ToString() ?? "", Name: t["NAME"]?.ToString() ?? ""))
            .Where(t => t.Code.Length > 0)
            .GroupBy(t => t.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        foreach (var trigger in desired)
        {
            var name = trigger.Name.For(language);
            var hash = DefinitionHash.Of(new JObject { ["CODE"] = trigger.Code, ["NAME"] = name });
            if (names.TryGetValue(trigger.Code, out var current) && current == name)
            {
                log.Ok(RegistrationKind.Trigger, trigger.Code, null, hash);
                continue;
            }
            try
            {
                await client.CallAsync("crm.automation.trigger.add", new JObject { ["CODE"] = trigger.Code, ["NAME"] = name }, CallKind.IdempotentWrite, cancellationToken);
                log.Ok(RegistrationKind.Trigger, trigger.Code, null, hash);
            }
            catch (Bitrix24Exception e)
            {
                log.Failed(RegistrationKind.Trigger, trigger.Code, null, $"{e.Method}: {e.Code} {e.Description}");
            }
        }
    }
}
