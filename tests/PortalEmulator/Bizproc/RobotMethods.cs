using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Bizproc;

/// <summary>bizproc.robot.* (admin, app context), bizproc.event.send and bizproc.activity.log.</summary>
public static partial class RobotMethods
{
    private static readonly HashSet<string> PropertyTypes = ["bool", "date", "datetime", "double", "file", "int", "select", "string", "text", "user"];

    public static void Register(MethodRegistry registry)
    {
        registry.Add("bizproc.robot.add", "bizproc", Add, appOnly: true, adminOnly: true);
        registry.Add("bizproc.robot.update", "bizproc", Update, appOnly: true, adminOnly: true);
        registry.Add("bizproc.robot.delete", "bizproc", Delete, appOnly: true, adminOnly: true);
        registry.Add("bizproc.robot.list", "bizproc", List, appOnly: true, adminOnly: true);
        registry.Add("bizproc.event.send", "bizproc", Send);
        registry.Add("bizproc.activity.log", "bizproc", Log);
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex Code();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex PropertyKey();

    private static RestError Invalid(string text) => new(400, "ERROR_ACTIVITY_VALIDATION_FAILURE", text);

    private static MethodResult Add(MethodCall call)
    {
        var code = call.Text("CODE") ?? "";
        if (code.Length == 0)
        {
            throw Invalid("Empty activity code!");
        }
        if (!Code().IsMatch(code))
        {
            throw Invalid("Wrong activity code!");
        }
        if (string.IsNullOrWhiteSpace(call.Text("HANDLER")))
        {
            throw Invalid("Empty activity handler!");
        }
        var handler = HandlerUrl.RequireText(call.Text("HANDLER"), "HANDLER");
        var definition = new JsonObject();
        foreach (var (k, v) in call.Parameters)
        {
            if (!string.Equals(k, "auth", StringComparison.OrdinalIgnoreCase))
            {
                definition[k.ToUpperInvariant()] = v?.DeepClone();
            }
        }
        definition["HANDLER"] = handler;
        Validate(definition);
        if (!call.Portal.Robots.TryAdd(code, definition))
        {
            throw new RestError(400, "ERROR_ACTIVITY_ALREADY_INSTALLED", "Activity or Robot already installed!");
        }
        return MethodResult.True;
    }

    private static void Validate(JsonObject d)
    {
        var name = Json.Get(d, "NAME");
        if (name is null || (name is JsonValue && string.IsNullOrWhiteSpace(Json.Text(name))) || (name is JsonObject o && o.Count == 0))
        {
            throw Invalid("Empty activity name!");
        }
        foreach (var group in new[] { "PROPERTIES", "RETURN_PROPERTIES" })
        {
            var props = Json.Get(d, group);
            if (props is null)
            {
                continue;
            }
            if (props is not JsonObject map)
            {
                if (props is JsonArray { Count: 0 })
                {
                    continue;
                }
                throw Invalid("Wrong properties array!");
            }
            foreach (var (key, prop) in map)
            {
                if (!PropertyKey().IsMatch(key))
                {
                    throw Invalid($"Wrong property key {key}!");
                }
                if (prop is not JsonObject p)
                {
                    throw Invalid("Wrong properties array!");
                }
                if (Json.Get(p, "Name") is null)
                {
                    throw Invalid($"Empty property NAME {key}!");
                }
                var type = Json.Text(Json.Get(p, "Type"));
                if (type is not null && !PropertyTypes.Contains(type.ToLowerInvariant()))
                {
                    throw Invalid($"Wrong property TYPE {key}!");
                }
            }
        }
        if (Json.Get(d, "DOCUMENT_TYPE") is { } documentType && (documentType is not JsonArray arr || arr.Count != 3))
        {
            throw Invalid("Wrong activity DOCUMENT_TYPE!");
        }
        if (Json.Get(d, "FILTER") is { } filter && filter is not JsonObject && filter is not JsonArray { Count: 0 })
        {
            throw Invalid("Wrong activity FILTER!");
        }
    }

    private static JsonObject Existing(MethodCall call)
    {
        var code = call.Text("CODE") ?? "";
        if (code.Length == 0)
        {
            throw Invalid("Empty activity code!");
        }
        return call.Portal.Robots.Find(code) ?? throw new RestError(400, "ERROR_ACTIVITY_NOT_FOUND", "Activity or Robot not found!");
    }

    private static MethodResult Update(MethodCall call)
    {
        var robot = Existing(call);
        var fields = call.Param("FIELDS") as JsonObject ?? throw Invalid("No fields to update");
        var updated = (JsonObject)robot.DeepClone();
        foreach (var (k, v) in fields)
        {
            updated[k.ToUpperInvariant()] = v?.DeepClone();
        }
        if (fields.Any(kv => string.Equals(kv.Key, "HANDLER", StringComparison.OrdinalIgnoreCase)))
        {
            updated["HANDLER"] = HandlerUrl.RequireText(Json.Text(updated["HANDLER"]), "HANDLER");
        }
        Validate(updated);
        foreach (var (k, v) in updated.ToList())
        {
            robot[k] = v?.DeepClone();
        }
        return MethodResult.True;
    }

    private static MethodResult Delete(MethodCall call)
    {
        Existing(call);
        call.Portal.Robots.Remove(call.Text("CODE")!);
        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call)
        => new JsonArray(call.Portal.Robots.Robots.Keys.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());

    private static RobotRun WaitingRun(MethodCall call)
    {
        var token = Json.Text(call.Param("EVENT_TOKEN")) ?? "";
        var run = call.Portal.Robots.FindRun(token);
        if (run is null || run.Completed || !run.Waits)
        {
            throw RestError.AccessDenied();
        }
        return run;
    }

    private static MethodResult Send(MethodCall call)
    {
        var run = WaitingRun(call);
        var values = call.Param("RETURN_VALUES") as JsonObject ?? new JsonObject();
        call.Portal.Robots.Complete(run, (JsonObject)values.DeepClone(), call.Text("LOG_MESSAGE"));
        return MethodResult.True;
    }

    private static MethodResult Log(MethodCall call)
    {
        var run = WaitingRun(call);
        run.Log.Add(call.Text("LOG_MESSAGE") ?? "");
        return MethodResult.True;
    }
}
