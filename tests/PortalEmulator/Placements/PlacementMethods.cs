using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Placements;

/// <summary>placement.bind/unbind/get/list (admin, app context) with the documented placement codes.</summary>
public static partial class PlacementMethods
{
    private static readonly string[] SingleUse = ["REST_APP_URI", "PAGE_BACKGROUND_WORKER"];

    public static readonly IReadOnlySet<string> Codes = BuildCodes();

    public static void Register(MethodRegistry registry)
    {
        registry.Add("placement.bind", "placement", Bind, appOnly: true, adminOnly: true);
        registry.Add("placement.unbind", "placement", Unbind, appOnly: true, adminOnly: true);
        registry.Add("placement.get", "placement", Get, appOnly: true, adminOnly: true);
        registry.Add("placement.list", "placement", _ => new JsonArray(Codes.Order().Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()), appOnly: true);
    }

    private static IReadOnlySet<string> BuildCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal)
        {
            "CRM_DETAIL_SEARCH", "CRM_REQUISITE_AUTOCOMPLETE", "CRM_BANK_DETAIL_AUTOCOMPLETE", "CRM_ANALYTICS_MENU",
            "CRM_ANALYTICS_TOOLBAR", "CRM_FUNNELS_TOOLBAR", "CRM_ACTIVITY_LIST_MENU", "LEFT_MENU", "REST_APP_URI",
            "PAGE_BACKGROUND_WORKER", "USER_PROFILE_MENU", "USER_PROFILE_TOOLBAR", "TASK_VIEW_TAB", "TASK_VIEW_SIDEBAR",
            "TASK_LIST_CONTEXT_MENU", "TASK_VIEW_TOP_PANEL", "IM_NAVIGATION", "IM_TEXTAREA", "IM_CONTEXT_MENU", "IM_SIDEBAR",
            "IM_SMILES_SELECTOR", "CALL_CARD", "CALENDAR_GRIDVIEW", "CONTACT_CENTER", "SONET_GROUP_DETAIL_TAB",
            "SONET_GROUP_TOOLBAR", "IMMOBILE_CONTEXT_MENU",
        };
        foreach (var x in new[] { "LEAD", "DEAL", "CONTACT", "COMPANY", "QUOTE", "SMART_INVOICE", "ORDER" })
        {
            foreach (var kind in new[] { "DETAIL_TAB", "LIST_MENU", "LIST_TOOLBAR", "DETAIL_TOOLBAR", "DETAIL_ACTIVITY", "ACTIVITY_TIMELINE_MENU", "DOCUMENTGENERATOR_BUTTON" })
            {
                codes.Add($"CRM_{x}_{kind}");
            }
        }
        foreach (var x in new[] { "LEAD", "DEAL", "SMART_INVOICE" })
        {
            codes.Add($"CRM_{x}_ROBOT_DESIGNER_TOOLBAR");
        }
        return codes;
    }

    [GeneratedRegex("^CRM_DYNAMIC_[0-9]+_(DETAIL_TAB|LIST_MENU|LIST_TOOLBAR|DETAIL_TOOLBAR|DETAIL_ACTIVITY|ACTIVITY_TIMELINE_MENU|ROBOT_DESIGNER_TOOLBAR|DOCUMENTGENERATOR_BUTTON)$")]
    private static partial Regex Dynamic();

    public static bool IsKnown(string code) => Codes.Contains(code) || Dynamic().IsMatch(code);

    private static MethodResult Bind(MethodCall call)
    {
        // The docs list ERROR_ARGUMENT and ERROR_PLACEMENT_MAX_COUNT with HTTP 200: clients must read `error`.
        var code = (call.Text("PLACEMENT") ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            throw NullOrEmpty("PLACEMENT");
        }
        if (!IsKnown(code))
        {
            throw new RestError(400, "ERROR_PLACEMENT_NOT_FOUND", "Placement not found");
        }
        if (string.IsNullOrWhiteSpace(call.Text("HANDLER")))
        {
            throw NullOrEmpty("HANDLER");
        }
        var handler = HandlerUrl.RequireText(call.Text("HANDLER"), "HANDLER");
        var registry = call.Portal.Placements;
        if (SingleUse.Contains(code) && registry.Bindings.Any(b => b.Placement == code))
        {
            throw new RestError(200, "ERROR_PLACEMENT_MAX_COUNT", "Placement max count exceeded");
        }
        var userId = call.Int("USER_ID") ?? 0;
        if (registry.Bindings.Any(b => b.Placement == code && HandlerUrl.Same(b.Handler, handler) && b.UserId == userId))
        {
            throw RestError.Core("Unable to set placement handler: Handler already binded");
        }
        registry.Add(new PlacementBinding(code, handler, userId, call.Text("TITLE") ?? "", call.Text("DESCRIPTION") ?? "",
            call.Text("GROUP_NAME") ?? "", Json.Clone(call.Param("LANG_ALL")), Json.Clone(call.Param("OPTIONS"))));
        return MethodResult.True;
    }

    private static RestError NullOrEmpty(string argument) => new(200, "ERROR_ARGUMENT", $"Argument '{argument}' is null or empty") { Argument = argument };

    private static MethodResult Unbind(MethodCall call)
    {
        var code = (call.Text("PLACEMENT") ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            throw NullOrEmpty("PLACEMENT");
        }
        var handler = call.Text("HANDLER");
        var userId = call.Int("USER_ID");
        var count = call.Portal.Placements.Remove(b => b.Placement == code
            && (handler is null || HandlerUrl.Same(b.Handler, handler))
            && (userId is null || b.UserId == userId));
        return new JsonObject { ["count"] = count };
    }

    private static MethodResult Get(MethodCall call)
    {
        var list = new JsonArray();
        foreach (var b in call.Portal.Placements.Bindings)
        {
            list.Add(new JsonObject
            {
                ["placement"] = b.Placement,
                ["userId"] = b.UserId,
                ["handler"] = b.Handler,
                ["options"] = b.Options?.DeepClone() ?? new JsonArray(),
                ["title"] = b.Title,
                ["description"] = b.Description,
                ["langAll"] = b.LangAll?.DeepClone() ?? new JsonArray(),
            });
        }
        return list;
    }
}
