using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>The CRM area (scope <c>crm</c>).</summary>
public sealed class CrmCalls(IBitrix24Client client)
{
    /// <summary>Universal <c>crm.item.*</c> (camelCase fields) for any entity type id.</summary>
    public CrmItemCalls Items => new(client);

    public CrmEntityCalls Leads => new(client, "lead");
    public CrmEntityCalls Contacts => new(client, "contact");
    public CrmEntityCalls Companies => new(client, "company");
    public CrmEntityCalls Deals => new(client, "deal");

    public CrmRequisiteCalls Requisites => new(client);

    public CrmAutomationTriggerCalls AutomationTriggers => new(client);

    /// <summary>
    /// <c>crm.duplicate.findbycomm</c> (Read): ids by entity type (<c>LEAD</c>, <c>CONTACT</c>, <c>COMPANY</c>) that
    /// hold one of up to 20 phones or e-mails. A type with ≥ 20 hits hides the types searched after it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<long>>> FindDuplicatesAsync(CommunicationType type,
        IEnumerable<string> values, string? entityType = null, CancellationToken cancellationToken = default)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().ToList();
        if (list.Count is 0 or > 20) throw new ArgumentOutOfRangeException(nameof(values), list.Count, "1 to 20 values");
        var body = new JObject { ["type"] = type == CommunicationType.Phone ? "PHONE" : "EMAIL", ["values"] = new JArray(list) };
        if (entityType is not null) body["entity_type"] = entityType;
        var r = await client.CallAsync("crm.duplicate.findbycomm", body, CallKind.Read, cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, IReadOnlyList<long>>(StringComparer.OrdinalIgnoreCase);
        if (r.Result is JObject byType)
        {
            foreach (var (name, ids) in byType)
                found[name] = ids is JArray a ? a.Select(t => (long)t).ToList() : [];
        }
        return found;
    }
}

public enum CommunicationType { Phone, Email }
