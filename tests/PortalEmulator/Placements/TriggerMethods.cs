using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Placements;

/// <summary>crm.automation.trigger.{add,list,delete,execute}; errors carry <c>"error": ""</c> as the docs show.</summary>
public static partial class TriggerMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("crm.automation.trigger.add", "crm", Add, appOnly: true, adminOnly: true);
        registry.Add("crm.automation.trigger.list", "crm", List, appOnly: true, adminOnly: true);
        registry.Add("crm.automation.trigger.delete", "crm", Delete, appOnly: true, adminOnly: true);
        registry.Add("crm.automation.trigger.execute", "crm", Execute, appOnly: true);
    }

    [GeneratedRegex("^[a-z0-9.\\-_]+$")]
    private static partial Regex Code();

    private static RestError Empty(string text) => new(400, "", text);

    private static MethodResult Add(MethodCall call)
    {
        var code = call.Text("CODE") ?? "";
        if (!Code().IsMatch(code))
        {
            throw Empty("Wrong trigger code!");
        }
        var name = call.Text("NAME") ?? "";
        if (name.Trim().Length == 0)
        {
            throw Empty("Empty trigger name!");
        }
        call.Portal.Triggers.Set(code, name);
        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call)
    {
        var list = new JsonArray();
        foreach (var (code, name) in call.Portal.Triggers.Triggers.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            list.Add(new JsonObject { ["NAME"] = name, ["CODE"] = code });
        }
        return list;
    }

    private static MethodResult Delete(MethodCall call)
    {
        var code = call.Text("CODE") ?? "";
        if (!call.Portal.Triggers.Remove(code))
        {
            throw Empty($"Trigger with code {code} is not registered.");
        }
        return MethodResult.True;
    }

    private static MethodResult Execute(MethodCall call)
    {
        var code = call.Text("CODE") ?? "";
        if (!call.Portal.Triggers.Exists(code))
        {
            throw Empty($"Trigger with code {code} is not registered.");
        }
        var ownerType = call.Int("OWNER_TYPE_ID");
        if (ownerType is not (1 or 2 or 7 or 31) && ownerType is not >= 128)
        {
            throw Empty("Incorrect parameter OWNER_TYPE_ID.");
        }
        var ownerId = call.Int("OWNER_ID");
        if (ownerId is null or <= 0)
        {
            throw Empty("Incorrect parameter OWNER_ID.");
        }
        if (CrmEntityType.ById(ownerType.Value) is { } type && call.Portal.Crm.Find(type, ownerId.Value) is null)
        {
            throw Empty("Owner entity not found.");
        }
        call.Portal.Triggers.RecordExecution(code, ownerType.Value, ownerId.Value);
        return MethodResult.True;
    }
}
