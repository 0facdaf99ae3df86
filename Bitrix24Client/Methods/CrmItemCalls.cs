using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.Bitrix24Client.Methods;

/// <summary><c>crm.item.*</c>: camelCase fields, results wrapped in <c>result.item</c> / <c>result.items</c>.</summary>
public sealed class CrmItemCalls(IBitrix24Client client)
{
    /// <summary>crm.item.add — Create: never repeated after a fault where the item may exist.</summary>
    public async Task<JObject> AddAsync(int entityTypeId, object fields, bool useOriginalUfNames = false, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("crm.item.add", Body(entityTypeId, null, fields, useOriginalUfNames), CallKind.Create, cancellationToken).ConfigureAwait(false);
        return Results.Object(r, "crm.item.add", "item");
    }

    /// <summary>crm.item.update — IdempotentWrite: only the given fields change; repeating converges.</summary>
    public async Task<JObject> UpdateAsync(int entityTypeId, long id, object fields, bool useOriginalUfNames = false, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("crm.item.update", Body(entityTypeId, id, fields, useOriginalUfNames), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false);
        return Results.Object(r, "crm.item.update", "item");
    }

    /// <summary>crm.item.get — Read; a missing item throws <see cref="Errors.NotFoundException"/>.</summary>
    public async Task<JObject> GetAsync(int entityTypeId, long id, bool useOriginalUfNames = false, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("crm.item.get", Body(entityTypeId, id, null, useOriginalUfNames), CallKind.Read, cancellationToken).ConfigureAwait(false);
        return Results.Object(r, "crm.item.get", "item");
    }

    /// <summary>crm.item.delete — IdempotentWrite (a repeat after a lost answer may report NOT_FOUND).</summary>
    public Task DeleteAsync(int entityTypeId, long id, CancellationToken cancellationToken = default) =>
        client.CallAsync("crm.item.delete", new JObject { ["entityTypeId"] = entityTypeId, ["id"] = id }, CallKind.IdempotentWrite, cancellationToken);

    /// <summary>crm.item.fields — Read: <c>result.fields</c>.</summary>
    public async Task<JObject> FieldsAsync(int entityTypeId, bool useOriginalUfNames = false, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("crm.item.fields", Body(entityTypeId, null, null, useOriginalUfNames), CallKind.Read, cancellationToken).ConfigureAwait(false);
        return Results.Object(r, "crm.item.fields", "fields");
    }

    /// <summary>crm.item.list page by page (Read).</summary>
    public IAsyncEnumerable<JObject> ListAsync(int entityTypeId, object? filter = null, IEnumerable<string>? select = null, object? order = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JObject { ["entityTypeId"] = entityTypeId };
        if (filter is not null) body["filter"] = PortalClient.ToJObject(filter);
        if (select is not null) body["select"] = new JArray(select);
        if (order is not null) body["order"] = PortalClient.ToJObject(order);
        return client.ListAsync("crm.item.list", body, cancellationToken);
    }

    /// <summary>crm.item.list as a keyset export by <c>id</c> (Read).</summary>
    public IAsyncEnumerable<JObject> ExportAsync(int entityTypeId, object? filter = null, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) =>
        client.ExportAsync("crm.item.list", filter, select, "id", new JObject { ["entityTypeId"] = entityTypeId }, cancellationToken);

    public static BatchCommand AddCommand(string key, int entityTypeId, object fields) =>
        new(key, "crm.item.add", Body(entityTypeId, null, fields, false), CallKind.Create);

    public static BatchCommand UpdateCommand(string key, int entityTypeId, long id, object fields) =>
        new(key, "crm.item.update", Body(entityTypeId, id, fields, false), CallKind.IdempotentWrite);

    private static JObject Body(int entityTypeId, long? id, object? fields, bool useOriginalUfNames)
    {
        var body = new JObject { ["entityTypeId"] = entityTypeId };
        if (id is not null) body["id"] = id;
        if (fields is not null) body["fields"] = PortalClient.ToJObject(fields);
        if (useOriginalUfNames) body["useOriginalUfNames"] = "Y";
        return body;
    }
}
