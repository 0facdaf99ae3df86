using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Converges placements: bindings from <c>placement.get</c> that are not declared (other handler, old public URL)
/// or whose title changed are unbound; declared ones that are missing are bound.
/// </summary>
public static class PlacementRegistrations
{
    public static async Task ConvergeAsync(IBitrix24Client client, JToken listed, IReadOnlyList<DesiredPlacement> desired, string language, RegistrationLog log, CancellationToken cancellationToken)
    {
        var wanted = desired.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);

        foreach (var bound in Items(listed))
        {
            var placement = bound["placement"]?.ToString() ?? bound["PLACEMENT"]?.ToString() ?? "";
            var handler = bound["handler"]?.ToString() ?? bound["HANDLER"]?.ToString() ?? "";
            var key = $"{placement.ToUpperInvariant()} {handler}";
            if (wanted.TryGetValue(key, out var declared) && TitleMatches(bound, declared))
            {
                present.Add(key);
                continue;
            }
            try
            {
                await client.CallAsync("placement.unbind", new JObject { ["PLACEMENT"] = placement, ["HANDLER"] = handler }, CallKind.IdempotentWrite, cancellationToken);
                log.RemovedStale(RegistrationKind.Placement, key);
            }
            catch (Bitrix24Exception e)
            {
                log.Failed(RegistrationKind.Placement, placement, handler, $"stale placement not unbound: {e.Code} {e.Description}");
            }
        }

        foreach (var placement in desired)
        {
            var code = placement.Definition.Placement;
            var hash = DefinitionHash.Of(BindParameters(placement, language));
            if (present.Contains(placement.Key))
            {
                log.Ok(RegistrationKind.Placement, code, placement.Handler, hash);
                continue;
            }
            try
            {
                await client.CallAsync("placement.bind", BindParameters(placement, language), CallKind.IdempotentWrite, cancellationToken);
                log.Ok(RegistrationKind.Placement, code, placement.Handler, hash);
            }
            catch (Bitrix24Exception e)
            {
                log.Failed(RegistrationKind.Placement, code, placement.Handler, $"{e.Method}: {e.Code} {e.Description}");
            }
        }
    }

    public static JObject BindParameters(DesiredPlacement placement, string language)
    {
        var d = placement.Definition;
        var langAll = new JObject
        {
            ["ru"] = new JObject { ["TITLE"] = d.Title.Ru, ["DESCRIPTION"] = d.Description?.Ru ?? "" },
            ["en"] = new JObject { ["TITLE"] = d.Title.En, ["DESCRIPTION"] = d.Description?.En ?? "" },
        };
        var parameters = new JObject
        {
            ["PLACEMENT"] = d.Placement,
            ["HANDLER"] = placement.Handler,
            ["TITLE"] = d.Title.For(language),
            ["LANG_ALL"] = langAll,
        };
        if (d.Description is not null)
        {
            parameters["DESCRIPTION"] = d.Description.For(language);
        }
        return parameters;
    }

    private static bool TitleMatches(JObject bound, DesiredPlacement declared)
    {
        var title = bound["title"]?.ToString() ?? bound["TITLE"]?.ToString();
        return string.IsNullOrEmpty(title) || title == declared.Definition.Title.Ru || title == declared.Definition.Title.En;
    }

    internal static IEnumerable<JObject> Items(JToken result) => result switch
    {
        JArray array => array.OfType<JObject>(),
        JObject map => map.Properties().Select(p => p.Value).OfType<JObject>(),
        _ => [],
    };
}
