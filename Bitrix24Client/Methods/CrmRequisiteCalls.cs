using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>Requisites, bank details, addresses and their links (sheet §9 "Requisites").</summary>
public sealed class CrmRequisiteCalls(IBitrix24Client client)
{
    /// <summary>crm.requisite.add — Create. Needs ENTITY_TYPE_ID (3/4), ENTITY_ID, PRESET_ID, NAME.</summary>
    public async Task<long> AddAsync(object fields, CancellationToken cancellationToken = default) =>
        Results.Id(await client.CallAsync("crm.requisite.add", Fields(fields), CallKind.Create, cancellationToken).ConfigureAwait(false), "crm.requisite.add");

    /// <summary>crm.requisite.update — IdempotentWrite.</summary>
    public async Task<bool> UpdateAsync(long id, object fields, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.requisite.update", Fields(fields, id), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>crm.requisite.get — Read.</summary>
    public async Task<JObject> GetAsync(long id, CancellationToken cancellationToken = default) =>
        Results.Object(await client.CallAsync("crm.requisite.get", new JObject { ["id"] = id }, CallKind.Read, cancellationToken).ConfigureAwait(false), "crm.requisite.get");

    /// <summary>crm.requisite.delete — IdempotentWrite.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.requisite.delete", new JObject { ["id"] = id }, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>crm.requisite.list — Read, e.g. filter <c>{ENTITY_TYPE_ID: 4, ENTITY_ID: 802}</c>.</summary>
    public IAsyncEnumerable<JObject> ListAsync(object? filter = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        client.ListAsync("crm.requisite.list", ListBody(filter, select), cancellationToken);

    /// <summary>crm.requisite.preset.list — Read (Organization, Sole proprietorship…; COUNTRY_ID 1 = RU).</summary>
    public IAsyncEnumerable<JObject> ListPresetsAsync(object? filter = null, CancellationToken cancellationToken = default) =>
        client.ListAsync("crm.requisite.preset.list", ListBody(filter, null), cancellationToken);

    /// <summary>crm.requisite.bankdetail.add — Create (ENTITY_ID = requisite id, NAME, RQ_BIK…).</summary>
    public async Task<long> AddBankDetailAsync(object fields, CancellationToken cancellationToken = default) =>
        Results.Id(await client.CallAsync("crm.requisite.bankdetail.add", Fields(fields), CallKind.Create, cancellationToken).ConfigureAwait(false), "crm.requisite.bankdetail.add");

    /// <summary>crm.requisite.bankdetail.update — IdempotentWrite.</summary>
    public async Task<bool> UpdateBankDetailAsync(long id, object fields, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.requisite.bankdetail.update", Fields(fields, id), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>crm.requisite.bankdetail.list — Read.</summary>
    public IAsyncEnumerable<JObject> ListBankDetailsAsync(object? filter = null, CancellationToken cancellationToken = default) =>
        client.ListAsync("crm.requisite.bankdetail.list", ListBody(filter, null), cancellationToken);

    /// <summary>
    /// crm.address.add — Create (answers <c>true</c>, no id; an address is keyed by TYPE_ID + ENTITY_TYPE_ID (8 =
    /// requisite) + ENTITY_ID, so use <see cref="UpdateAddressAsync"/> when one exists).
    /// </summary>
    public async Task<bool> AddAddressAsync(object fields, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.address.add", Fields(fields), CallKind.Create, cancellationToken).ConfigureAwait(false));

    /// <summary>crm.address.update — IdempotentWrite.</summary>
    public async Task<bool> UpdateAddressAsync(object fields, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.address.update", Fields(fields), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>crm.address.list — Read.</summary>
    public IAsyncEnumerable<JObject> ListAddressesAsync(object? filter = null, CancellationToken cancellationToken = default) =>
        client.ListAsync("crm.address.list", ListBody(filter, null), cancellationToken);

    /// <summary>crm.requisite.link.register — IdempotentWrite (re-registering sets the same link).</summary>
    public async Task<bool> RegisterLinkAsync(object fields, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("crm.requisite.link.register", Fields(fields), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    private static JObject Fields(object fields, long? id = null)
    {
        var body = new JObject();
        if (id is not null) body["id"] = id;
        body["fields"] = PortalClient.ToJObject(fields);
        return body;
    }

    private static JObject ListBody(object? filter, IEnumerable<string>? select)
    {
        var body = new JObject();
        if (filter is not null) body["filter"] = PortalClient.ToJObject(filter);
        if (select is not null) body["select"] = new JArray(select);
        return body;
    }
}
