using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Faults;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Rest;

/// <summary>
/// A portal's <c>/rest/</c>: parses the call, applies faults, the request bucket, authentication, the method's
/// access rules and the operating budget, runs the handler and writes the envelope.
/// </summary>
public sealed class RestEndpoint(EmulatedPortal portal)
{
    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        if (!path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = 404;
            return;
        }
        var segments = path["/rest/".Length..].Trim('/').Split('/');
        JsonObject parameters;
        try
        {
            parameters = await RequestReader.ReadAsync(ctx.Request).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            await WriteError(ctx, new RestError(400, "INVALID_REQUEST", "Request body is too large")).ConfigureAwait(false);
            return;
        }
        if (segments.Length == 3 && int.TryParse(segments[0], out var hookUser))
        {
            await ServeAsync(ctx, NormaliseMethod(segments[2]), parameters, hookUser, segments[1], countInLimits: true).ConfigureAwait(false);
            return;
        }
        if (segments.Length == 1 && segments[0].Length > 0)
        {
            await ServeAsync(ctx, NormaliseMethod(segments[0]), parameters, null, null, countInLimits: true).ConfigureAwait(false);
            return;
        }
        await WriteError(ctx, RestError.MethodNotFound(path)).ConfigureAwait(false);
    }

    public static string NormaliseMethod(string raw)
    {
        var m = raw.Trim().ToLowerInvariant();
        return m.EndsWith(".json", StringComparison.Ordinal) ? m[..^5] : m;
    }

    internal async Task ServeAsync(HttpContext ctx, string method, JsonObject parameters, int? webhookUser, string? webhookCode, bool countInLimits)
    {
        var stats = portal.Stats;
        if (countInLimits)
        {
            stats.CountRequest();
            if (portal.Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(portal.Faults.Latency, portal.Time).ConfigureAwait(false);
            }
            if (portal.Faults.HoldFor(method) is { } hold)
            {
                await hold.HoldAsync().ConfigureAwait(false);
            }
        }
        var fault = countInLimits ? portal.Faults.Draw(method) : null;
        if (fault?.Kind == FaultKind.Drop)
        {
            ctx.Abort();
            return;
        }
        if (fault?.Kind == FaultKind.Error)
        {
            await WriteError(ctx, new RestError(fault.Status, fault.Code, fault.Description)).ConfigureAwait(false);
            return;
        }
        JsonNode body;
        int status;
        try
        {
            if (portal.Deleted)
            {
                throw new RestError(410, "PORTAL_DELETED", "Portal was deleted");
            }
            if (countInLimits && !portal.Bucket.TryAdd())
            {
                stats.CountQueryLimit();
                throw new RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            }
            var caller = portal.Authenticate(parameters, webhookUser, webhookCode);
            body = method == "batch"
                ? new BatchRunner(portal, this).Run(parameters, caller)
                : Envelope(Invoke(method, parameters, caller, inBatch: false));
            status = 200;
        }
        catch (RestError e)
        {
            body = ErrorBody(e);
            status = e.Status;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            // An emulator defect must still look like a portal failure (JSON 500), not a dropped connection.
            body = ErrorBody(new RestError(500, "INTERNAL_SERVER_ERROR", "Emulator error: " + e.Message));
            status = 500;
        }
        if (fault?.Kind == FaultKind.DropAfterExecuting)
        {
            ctx.Abort();
            return;
        }
        await ResponseWriter.WriteAsync(ctx, status, body).ConfigureAwait(false);
    }

    /// <summary>One method call with all checks; used directly and by batch for each command.</summary>
    internal Invocation Invoke(string method, JsonObject parameters, Caller caller, bool inBatch)
    {
        var definition = portal.Methods.Find(method) ?? throw RestError.MethodNotFound(method);
        if (inBatch && !definition.AllowedInBatch)
        {
            throw new RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
        }
        if (definition.AppOnly && caller.Kind == AuthKind.Webhook)
        {
            throw method.StartsWith("placement.", StringComparison.Ordinal) || method.StartsWith("event.", StringComparison.Ordinal)
                ? new RestError(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method")
                : RestError.AccessDenied("Application context required");
        }
        if (definition.Scope != "basic" && !caller.Scopes.Contains(definition.Scope))
        {
            throw new RestError(403, "insufficient_scope", "The request requires higher privileges than provided by the access token");
        }
        if (definition.AdminOnly && !caller.IsAdmin)
        {
            throw RestError.AccessDenied();
        }
        if (portal.Operating.IsBlocked(caller.OperatingKey, method))
        {
            portal.Stats.CountOperating();
            throw new RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit");
        }
        var start = portal.Time.GetUtcNow();
        var cost = portal.Options.CostOf(method);
        portal.Stats.CountCall(method);
        MethodResult result;
        try
        {
            lock (portal.Sync)
            {
                result = definition.Handler(new MethodCall(portal, method, parameters, caller, start));
            }
        }
        finally
        {
            // A failed call still spent its execution time.
            portal.Operating.Record(caller.OperatingKey, method, cost);
        }
        var operating = portal.Operating.Read(caller.OperatingKey, method);
        return new Invocation(result, TimeBlock.Build(start, cost, portal.Options.UtcOffset, operating));
    }

    internal static JsonObject Envelope(Invocation invocation)
    {
        var body = new JsonObject { ["result"] = invocation.Result.Result };
        if (invocation.Result.Next is { } next)
        {
            body["next"] = next;
        }
        if (invocation.Result.Total is { } total)
        {
            body["total"] = total;
        }
        body["time"] = invocation.Time;
        return body;
    }

    internal static JsonObject ErrorBody(RestError e)
    {
        var body = new JsonObject { ["error"] = e.Code, ["error_description"] = e.Description };
        if (e.Argument is { } a)
        {
            body["argument"] = a;
        }
        return body;
    }

    private static Task WriteError(HttpContext ctx, RestError e) => ResponseWriter.WriteAsync(ctx, e.Status, ErrorBody(e));
}

internal sealed record Invocation(MethodResult Result, JsonObject Time);
