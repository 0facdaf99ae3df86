using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24Client.Methods;

/// <summary>Business processes (scope <c>bizproc</c>).</summary>
public sealed class BizprocCalls(IBitrix24Client client)
{
    public RobotCalls Robots => new(client);

    /// <summary>
    /// bizproc.event.send — IdempotentWrite: returns a robot's values to the waiting workflow. A stale or already
    /// used token answers <see cref="Errors.AccessDeniedException"/>. <paramref name="returnValues"/> keys are the
    /// robot's RETURN_PROPERTIES.
    /// </summary>
    public async Task<bool> SendEventAsync(string eventToken, object? returnValues = null, string? logMessage = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventToken);
        var body = new JObject { ["EVENT_TOKEN"] = eventToken };
        if (returnValues is not null) body["RETURN_VALUES"] = PortalClient.ToJObject(returnValues);
        if (logMessage is not null) body["LOG_MESSAGE"] = logMessage;
        return Results.Flag(await client.CallAsync("bizproc.event.send", body, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary><c>bizproc.robot.*</c> (admin, app context).</summary>
public sealed class RobotCalls(IBitrix24Client client)
{
    /// <summary>
    /// bizproc.robot.add — IdempotentWrite: CODE is unique per app, so a repeat cannot create a second robot (it
    /// may answer ERROR_ACTIVITY_ALREADY_INSTALLED). <paramref name="robot"/> holds CODE, HANDLER, AUTH_USER_ID,
    /// NAME, PROPERTIES, RETURN_PROPERTIES, DOCUMENT_TYPE, FILTER, USE_SUBSCRIPTION, USE_PLACEMENT….
    /// </summary>
    public async Task<bool> AddAsync(object robot, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("bizproc.robot.add", PortalClient.ToJObject(robot), CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>bizproc.robot.update — IdempotentWrite: <paramref name="fields"/> is a subset of the add fields.</summary>
    public async Task<bool> UpdateAsync(string code, object fields, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("bizproc.robot.update", new JObject { ["CODE"] = code, ["FIELDS"] = PortalClient.ToJObject(fields) },
            CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>bizproc.robot.delete — IdempotentWrite.</summary>
    public async Task<bool> DeleteAsync(string code, CancellationToken cancellationToken = default) =>
        Results.Flag(await client.CallAsync("bizproc.robot.delete", new JObject { ["CODE"] = code }, CallKind.IdempotentWrite, cancellationToken).ConfigureAwait(false));

    /// <summary>bizproc.robot.list — Read: the app's robot codes.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        var r = await client.CallAsync("bizproc.robot.list", null, CallKind.Read, cancellationToken).ConfigureAwait(false);
        return Results.Array(r, "bizproc.robot.list").Select(t => t.ToString()).ToList();
    }
}
