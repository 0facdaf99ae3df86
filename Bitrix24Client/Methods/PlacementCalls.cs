using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Methods;

/// <summary><c>placement.*</c> (admin, app context). Several errors come with HTTP 200 — they still throw.</summary>
public sealed class PlacementCalls(IBitrix24Client client)
{
    /// <summary>
    /// placement.bind — IdempotentWrite (the app re-registers unbind → bind on every install). <paramref name="extra"/>
    /// carries DESCRIPTION, GROUP_NAME, LANG_ALL, OPTIONS, USER_ID.
    /// </summary>
    public async Task<bool> BindAsync(string placement, Uri handler, string? title = null, object? extra = null, CancellationToken cancellationToken = default)
    {
        var body = extra is null ? new JObject() : PortalClient.ToJObject(extra);
        body["PLACEMENT"] = placement;
        body["HANDLER"] = handler.ToString();
        if (title is not null) body["TITLE"] = title;
        return Results.Flag(await client.CallAsync("placement.bind", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>placement.unbind — IdempotentWrite; no handler = all of the app's handlers there. Returns the count.</summary>
    public async Task<int> UnbindAsync(string placement, Uri? handler = null, CancellationToken cancellationToken = default)
    {
        var body = new JObject { ["PLACEMENT"] = placement };
        if (handler is not null) body["HANDLER"] = handler.ToString();
        var r = await client.CallAsync("placement.unbind", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false);
        return r.Result is JObject o ? o.Value<int?>("count") ?? 0 : 0;
    }

    /// <summary>placement.get — Read: the app's bindings (placement, handler, title…).</summary>
    public async Task<JArray> GetAsync(CancellationToken cancellationToken = default) =>
        Results.Array(await client.CallAsync("placement.get", null, CallKind.Read, cancellationToken).ConfigureAwait(false), "placement.get");
}
