using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>Legacy <c>crm.{lead|contact|company|deal}.*</c> (UPPER_CASE fields, <c>add</c> returns the id).</summary>
public sealed class CrmEntityCalls(IBitrix24Client client, string entity)
{
    public string Entity { get; } = entity;

    /// <summary>User fields of this entity: <c>crm.{entity}.userfield.*</c>.</summary>
    public CrmUserFieldCalls UserFields => new(client, Entity);

    /// <summary>crm.{entity}.add — Create. <paramref name="params"/> e.g. <c>{REGISTER_SONET_EVENT: "N"}</c>.</summary>
    public async Task<long> AddAsync(object fields, object? @params = null, CancellationToken cancellationToken = default)
    {
        var method = $"crm.{Entity}.add";
        var r = await client.CallAsync(method, Body(null, fields, @params), CallKind.Create, cancellationToken).ConfigureAwait(false);
        return Results.Id(r, method);
    }

    /// <summary>crm.{entity}.update — IdempotentWrite (multi-fields: pass value ids to change, not to add).</summary>
    public async Task<bool> UpdateAsync(long id, object fields, object? @params = null, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync($"crm.{Entity}.update", Body(id, fields, @params), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false);
        return Results.Flag(r);
    }

    /// <summary>crm.{entity}.get — Read.</summary>
    public async Task<JObject> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var method = $"crm.{Entity}.get";
        var r = await client.CallAsync(method, new JObject { ["id"] = id }, CallKind.Read, cancellationToken).ConfigureAwait(false);
        return Results.Object(r, method);
    }

    /// <summary>crm.{entity}.delete — IdempotentWrite.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync($"crm.{Entity}.delete", new JObject { ["id"] = id }, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false);
        return Results.Flag(r);
    }

    /// <summary>crm.{entity}.fields — Read.</summary>
    public async Task<JObject> FieldsAsync(CancellationToken cancellationToken = default)
    {
        var method = $"crm.{Entity}.fields";
        return Results.Object(await client.CallAsync(method, null, CallKind.Read, cancellationToken).ConfigureAwait(false), method);
    }

    /// <summary>crm.{entity}.list page by page — Read.</summary>
    public IAsyncEnumerable<JObject> ListAsync(object? filter = null, IEnumerable<string>? select = null, object? order = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JObject();
        if (filter is not null) body["filter"] = PortalClient.ToJObject(filter);
        if (select is not null) body["select"] = new JArray(select);
        if (order is not null) body["order"] = PortalClient.ToJObject(order);
        return client.ListAsync($"crm.{Entity}.list", body, cancellationToken);
    }

    /// <summary>crm.{entity}.list as a keyset export by <c>ID</c> — Read.</summary>
    public IAsyncEnumerable<JObject> ExportAsync(object? filter = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        client.ExportAsync($"crm.{Entity}.list", filter, select, "ID", null, cancellationToken);

    public BatchCommand AddCommand(string key, object fields, object? @params = null) =>
        new(key, $"crm.{Entity}.add", Body(null, fields, @params), CallKind.Create);

    public BatchCommand UpdateCommand(string key, long id, object fields, object? @params = null) =>
        new(key, $"crm.{Entity}.update", Body(id, fields, @params), CallKind.IdempotentWrite);

    private static JObject Body(long? id, object fields, object? @params)
    {
        var body = new JObject();
        if (id is not null) body["id"] = id;
        body["fields"] = PortalClient.ToJObject(fields);
        if (@params is not null) body["params"] = PortalClient.ToJObject(@params);
        return body;
    }
}

/// <summary><c>crm.{entity}.userfield.*</c> (CRM admin for add/update/delete).</summary>
public sealed class CrmUserFieldCalls(IBitrix24Client client, string entity)
{
    /// <summary>
    /// userfield.add — Create (a repeat may fail on the now-taken FIELD_NAME rather than duplicate, but the answer
    /// carrying the id would be lost, so it is not repeated after ambiguous faults). Returns the field id.
    /// </summary>
    public async Task<long> AddAsync(object fields, CancellationToken cancellationToken = default)
    {
        var method = $"crm.{entity}.userfield.add";
        var r = await client.CallAsync(method, new JObject { ["fields"] = PortalClient.ToJObject(fields) }, CallKind.Create, cancellationToken).ConfigureAwait(false);
        return Results.Id(r, method);
    }

    /// <summary>userfield.update — IdempotentWrite.</summary>
    public async Task<bool> UpdateAsync(long id, object fields, CancellationToken cancellationToken = default)
    {
        var body = new JObject { ["id"] = id, ["fields"] = PortalClient.ToJObject(fields) };
        return Results.Flag(await client.CallAsync($"crm.{entity}.userfield.update", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>userfield.get — Read.</summary>
    public async Task<JObject> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var method = $"crm.{entity}.userfield.get";
        return Results.Object(await client.CallAsync(method, new JObject { ["id"] = id }, CallKind.Read, cancellationToken).ConfigureAwait(false), method);
    }

    /// <summary>userfield.delete — IdempotentWrite.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync($"crm.{entity}.userfield.delete", new JObject { ["id"] = id }, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>userfield.list — Read, e.g. <c>filter {FIELD_NAME: "UF_CRM_REGION"}</c>.</summary>
    public IAsyncEnumerable<JObject> ListAsync(object? filter = null, object? order = null, CancellationToken cancellationToken = default)
    {
        var body = new JObject();
        if (filter is not null) body["filter"] = PortalClient.ToJObject(filter);
        if (order is not null) body["order"] = PortalClient.ToJObject(order);
        return client.ListAsync($"crm.{entity}.userfield.list", body, cancellationToken);
    }
}
