using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// What the portal currently holds, read in ONE <c>batch</c> request (robots, placements, events, triggers and the
/// user fields of every entity the manifest touches) instead of one request per list.
/// </summary>
public sealed class RegistrationSnapshot
{
    private readonly Dictionary<string, JToken> _results;
    private readonly Dictionary<string, string> _errors;

    private RegistrationSnapshot(Dictionary<string, JToken> results, Dictionary<string, string> errors)
    {
        _results = results;
        _errors = errors;
    }

    public const string Robots = "robots";
    public const string Placements = "placements";
    public const string Events = "events";
    public const string Triggers = "triggers";

    public static string UserFieldsOf(string entity) => "uf_" + entity;

    /// <summary>The listing for <paramref name="key"/>, or the error that prevented it (one of them is non-null).</summary>
    public (JToken? Result, string? Error) Get(string key) =>
        _errors.TryGetValue(key, out var error) ? (null, error)
        : _results.TryGetValue(key, out var result) ? (result, null)
        : (null, "not read");

    public static async Task<RegistrationSnapshot> ReadAsync(IBitrix24Client client, DesiredRegistrations desired, CancellationToken cancellationToken)
    {
        var commands = new JObject
        {
            [Robots] = "bizproc.robot.list",
            [Placements] = "placement.get",
            [Events] = "event.get",
        };
        if (desired.Triggers.Count > 0)
        {
            commands[Triggers] = "crm.automation.trigger.list";
        }
        foreach (var entity in desired.UserFields.Select(f => f.Entity.ToLowerInvariant()).Distinct())
        {
            commands[UserFieldsOf(entity)] = $"crm.{entity}.userfield.list";
        }

        var response = await client.CallAsync("batch", new JObject { ["halt"] = 0, ["cmd"] = commands }, CallKind.Read, cancellationToken);
        var results = new Dictionary<string, JToken>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        // Empty parts of a batch answer come as [] rather than {}.
        if (response.Result["result"] is JObject resultMap)
        {
            foreach (var property in resultMap.Properties())
            {
                results[property.Name] = property.Value;
            }
        }
        if (response.Result["result_error"] is JObject errorMap)
        {
            foreach (var property in errorMap.Properties())
            {
                errors[property.Name] = $"{commands[property.Name]}: {property.Value["error"]} {property.Value["error_description"]}";
            }
        }
        return new RegistrationSnapshot(results, errors);
    }
}
