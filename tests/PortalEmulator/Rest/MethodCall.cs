using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;

namespace WineB24.PortalEmulator.Rest;

/// <summary>One method invocation: parameters (case-insensitive at the top level), caller, portal, time.</summary>
public sealed class MethodCall(EmulatedPortal portal, string method, JsonObject parameters, Caller caller, DateTimeOffset now)
{
    public EmulatedPortal Portal { get; } = portal;

    public string Method { get; } = method;

    public JsonObject Parameters { get; } = parameters;

    public Caller Caller { get; } = caller;

    public DateTimeOffset Now { get; } = now;

    public JsonNode? Param(string name) => Json.Get(Parameters, name);

    public JsonNode? Param(params string[] names)
    {
        foreach (var n in names)
        {
            if (Json.Get(Parameters, n) is { } v)
            {
                return v;
            }
        }
        return null;
    }

    public string? Text(string name) => Json.Text(Param(name));

    public int? Int(string name) => Json.Int(Param(name));

    public JsonObject Object(string name) => Param(name) as JsonObject ?? new JsonObject();

    /// <summary>Required positive id, else <c>ERROR_ARGUMENT</c> like the CRM methods answer.</summary>
    public int RequireId(string name = "id")
    {
        var id = Int(name);
        if (id is null or <= 0)
        {
            throw RestError.Argument400(name.ToUpperInvariant(), $"The parameter '{name}' is invalid or not defined.");
        }
        return id.Value;
    }
}
