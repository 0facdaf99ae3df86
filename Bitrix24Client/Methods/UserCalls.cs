using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Lists;

namespace WineB24.Bitrix24Client.Methods;

/// <summary><c>user.*</c> (scope user / user_basic / user_brief).</summary>
public sealed class UserCalls(IBitrix24Client client)
{
    /// <summary>user.current — Read: the token's owner.</summary>
    public async Task<JObject> CurrentAsync(CancellationToken cancellationToken = default) =>
        Results.Object(await client.CallAsync("user.current", null, CallKind.Read, cancellationToken).ConfigureAwait(false), "user.current");

    /// <summary>user.admin — Read: whether the token's owner is a portal admin.</summary>
    public async Task<bool> IsAdminAsync(CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("user.admin", null, CallKind.Read, cancellationToken).ConfigureAwait(false));

    /// <summary>user.get — Read, all pages. <paramref name="filter"/> uses user.get's upper-case FILTER keys.</summary>
    public IAsyncEnumerable<JObject> GetAsync(object? filter = null, string? sort = null, string? order = null, bool adminMode = false,
        CancellationToken cancellationToken = default)
    {
        var body = new JObject();
        if (filter is not null) body["FILTER"] = PortalClient.ToJObject(filter);
        if (sort is not null) body["sort"] = sort;
        if (order is not null) body["order"] = order;
        if (adminMode) body["ADMIN_MODE"] = true;
        return client.ListAsync("user.get", body, cancellationToken);
    }

    /// <summary>user.get by id — Read; null when no such user.</summary>
    public async Task<JObject?> GetByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("user.get", new JObject { ["ID"] = id }, CallKind.Read, cancellationToken).ConfigureAwait(false);
        return ListCalls.Rows(r.Result).FirstOrDefault();
    }
}
