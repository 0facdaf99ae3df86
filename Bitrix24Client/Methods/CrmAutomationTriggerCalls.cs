using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>App triggers <c>crm.automation.trigger.*</c> (admin, app context; errors often come as <c>error: ""</c>).</summary>
public sealed class CrmAutomationTriggerCalls(IBitrix24Client client)
{
    /// <summary>add — IdempotentWrite: an existing CODE is renamed, never duplicated.</summary>
    public async Task<bool> AddAsync(string code, string name, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.automation.trigger.add", new JObject { ["CODE"] = code, ["NAME"] = name },
            CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>delete — IdempotentWrite.</summary>
    public async Task<bool> DeleteAsync(string code, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.automation.trigger.delete", new JObject { ["CODE"] = code },
            CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>list — Read: the app's triggers.</summary>
    public async Task<IReadOnlyList<AutomationTrigger>> ListAsync(CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("crm.automation.trigger.list", null, CallKind.Read, cancellationToken).ConfigureAwait(false);
        return Results.Array(r, "crm.automation.trigger.list").OfType<JObject>()
            .Select(t => new AutomationTrigger(t.Value<string>("CODE") ?? "", t.Value<string>("NAME") ?? "")).ToList();
    }

    /// <summary>
    /// execute — IdempotentWrite: it moves the item to the stage the trigger is attached to, and a second run
    /// finds it there. <c>true</c> means "sent", not "moved".
    /// </summary>
    public async Task<bool> ExecuteAsync(string code, int ownerTypeId, long ownerId, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.automation.trigger.execute",
            new JObject { ["CODE"] = code, ["OWNER_TYPE_ID"] = ownerTypeId, ["OWNER_ID"] = ownerId },
            CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
}

public sealed record AutomationTrigger(string Code, string Name);
