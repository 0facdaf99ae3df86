using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Converges event bindings: <c>event.get</c> lists the app's handlers; bindings not declared (old URLs, dropped
/// events) are unbound, declared ones missing are bound, online with a handler and offline without.
/// </summary>
public static class EventRegistrations
{
    public static async Task ConvergeAsync(IBitrix24Client client, JToken listed, IReadOnlyList<DesiredEvent> desired, RegistrationLog log, CancellationToken cancellationToken)
    {
        var wanted = desired.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);

        foreach (var bound in PlacementRegistrations.Items(listed))
        {
            var name = (bound["event"]?.ToString() ?? "").ToUpperInvariant();
            var offline = IsOffline(bound["offline"]);
            var handler = bound["handler"]?.ToString();
            var current = new DesiredEvent(name, offline, offline ? null : handler);
            if (wanted.Contains(current.Key))
            {
                present.Add(current.Key);
                continue;
            }
            var unbind = new JObject { ["event"] = name, ["event_type"] = offline ? "offline" : "online" };
            if (!string.IsNullOrEmpty(handler))
            {
                unbind["handler"] = handler;
            }
            if (bound["auth_type"] is { Type: not JTokenType.Null } authType && authType.ToString().Length > 0)
            {
                unbind["auth_type"] = authType.ToString();
            }
            try
            {
                await client.CallAsync("event.unbind", unbind, CallKind.IdempotentWrite, cancellationToken);
                log.RemovedStale(RegistrationKind.Event, current.Key);
            }
            catch (Bitrix24Exception e)
            {
                log.Failed(RegistrationKind.Event, current.Key, handler, $"stale binding not removed: {e.Code} {e.Description}");
            }
        }

        foreach (var binding in desired)
        {
            if (!present.Contains(binding.Key))
            {
                try
                {
                    await client.CallAsync("event.bind", BindParameters(binding), CallKind.IdempotentWrite, cancellationToken);
                }
                catch (Bitrix24Exception e) when (e.Code == "ERROR_HANDLER_ALREADY_EXIST")
                {
                    // Bound meanwhile: that is the state we want.
                }
                catch (Bitrix24Exception e)
                {
                    log.Failed(RegistrationKind.Event, binding.Key, binding.Handler, $"{e.Method}: {e.Code} {e.Description}");
                    continue;
                }
            }
            log.Ok(RegistrationKind.Event, binding.Key, binding.Handler, DefinitionHash.Of(BindParameters(binding)));
        }
    }

    public static JObject BindParameters(DesiredEvent binding)
    {
        var parameters = new JObject { ["event"] = binding.Event, ["event_type"] = binding.Offline ? "offline" : "online" };
        if (!binding.Offline)
        {
            parameters["handler"] = binding.Handler;
        }
        return parameters;
    }

    private static bool IsOffline(JToken? flag) => flag switch
    {
        null => false,
        { Type: JTokenType.Boolean } b => b.Value<bool>(),
        { Type: JTokenType.Integer } i => i.Value<long>() != 0,
        _ => flag.ToString() is "1" or "Y" or "true",
    };
}
