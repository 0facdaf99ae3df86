using System.Text.Json.Nodes;
using WineB24.PortalEmulator.Crm;
using WineB24.PortalEmulator.Http;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Rest;

namespace WineB24.PortalEmulator.Users;

/// <summary>app.info, user.current, user.get, user.admin, profile.</summary>
public static class AppAndUserMethods
{
    public static void Register(MethodRegistry registry)
    {
        registry.Add("app.info", "basic", AppInfo, appOnly: true);
        registry.Add("user.current", "basic", call => UserRow(call, call.Portal.FindUser(call.Caller.UserId)!));
        registry.Add("profile", "basic", Profile);
        registry.Add("user.admin", "basic", call => JsonValue.Create(call.Caller.IsAdmin));
        registry.Add("user.get", "user", UserGet);
        registry.Add("app.option.set", "basic", OptionSet, appOnly: true, adminOnly: true);
        registry.Add("app.option.get", "basic", OptionGet, appOnly: true);
    }

    private static MethodResult AppInfo(MethodCall call)
    {
        var portal = call.Portal;
        var license = portal.Options.EffectiveLicense;
        var family = license.Contains('_') ? license[(license.IndexOf('_') + 1)..].TrimEnd("0123456789".ToCharArray()) : license;
        return new JsonObject
        {
            ["ID"] = 7,
            ["CODE"] = portal.Cloud.Options.AppCode,
            ["VERSION"] = portal.App.Version,
            ["STATUS"] = portal.App.Status,
            ["INSTALLED"] = portal.App.State == AppState.Installed,
            ["PAYMENT_EXPIRED"] = portal.PaymentRequired ? "Y" : "N",
            ["DAYS"] = null,
            ["LANGUAGE_ID"] = portal.Options.Language,
            ["LICENSE"] = license,
            ["LICENSE_TYPE"] = family,
            ["LICENSE_FAMILY"] = family,
        };
    }

    private static JsonObject UserRow(MethodCall call, PortalUser user) => new()
    {
        ["ID"] = CrmStore.Str(user.Id),
        ["XML_ID"] = "",
        ["ACTIVE"] = user.Active,
        ["NAME"] = user.Name,
        ["LAST_NAME"] = user.LastName,
        ["SECOND_NAME"] = "",
        ["EMAIL"] = user.Email,
        ["LAST_LOGIN"] = call.Portal.Crm.Now(call.Now),
        ["DATE_REGISTER"] = call.Portal.Crm.Now(call.Now.AddDays(-100)),
        ["IS_ONLINE"] = "N",
        ["TIME_ZONE"] = "",
        ["UF_DEPARTMENT"] = new JsonArray(1),
        ["USER_TYPE"] = "employee",
    };

    private static MethodResult Profile(MethodCall call)
    {
        var user = call.Portal.FindUser(call.Caller.UserId)!;
        return new JsonObject
        {
            ["ID"] = CrmStore.Str(user.Id),
            ["ADMIN"] = user.IsAdmin,
            ["NAME"] = user.Name,
            ["LAST_NAME"] = user.LastName,
            ["PERSONAL_GENDER"] = "",
            ["TIME_ZONE"] = "",
            ["TIME_ZONE_OFFSET"] = (int)call.Portal.Options.UtcOffset.TotalSeconds,
        };
    }

    private static MethodResult UserGet(MethodCall call)
    {
        var rows = call.Portal.Users.Select(u => UserRow(call, u)).ToList();
        var filter = call.Param("FILTER", "filter") as JsonObject ?? new JsonObject();
        foreach (var (k, v) in call.Parameters)
        {
            // user.get also takes filter fields at the top level (ID=5).
            if (k.ToUpperInvariant() is "ID" or "ACTIVE" or "EMAIL" or "NAME" or "LAST_NAME")
            {
                filter[k.ToUpperInvariant()] = v?.DeepClone();
            }
        }
        var page = RecordList.Run(rows, filter, null, call.Param("start"), n => n.ToUpperInvariant());
        return RecordList.ToResult(page, r => r);
    }

    private static MethodResult OptionSet(MethodCall call)
    {
        if (call.Param("options") is not JsonObject options || options.Count == 0)
        {
            throw RestError.Argument400("options", "Wrong call: options parameter is required");
        }
        foreach (var (k, v) in options)
        {
            call.Portal.App.Options[k] = v?.DeepClone();
        }
        return MethodResult.True;
    }

    private static MethodResult OptionGet(MethodCall call)
    {
        var name = call.Text("option");
        if (string.IsNullOrEmpty(name))
        {
            return call.Portal.App.Options.Count == 0 ? new JsonArray() : call.Portal.App.Options.DeepClone();
        }
        return call.Portal.App.Options[name]?.DeepClone();
    }
}
