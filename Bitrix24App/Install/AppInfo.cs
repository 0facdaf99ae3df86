using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24App.Install;

/// <summary>The parts of <c>app.info</c> the app keeps: plan (per-portal limits), status, version, language.</summary>
public sealed record AppInfo(string? License, string? LicenseFamily, string? Status, int? Version, string? Language, bool Installed)
{
    /// <summary>Enterprise portals get the larger REST bucket (5/s, 250).</summary>
    public bool IsEnterprise =>
        string.Equals(LicenseFamily, "ent", StringComparison.OrdinalIgnoreCase)
        || (License?.Contains("_ent", StringComparison.OrdinalIgnoreCase) ?? false);

    public static AppInfo From(JToken result)
    {
        string? S(string key) => result[key] is { Type: not JTokenType.Null } v ? v.ToString() : null;
        var installed = result["INSTALLED"] is { } i && (i.Type == JTokenType.Boolean ? i.Value<bool>() : i.ToString() is "Y" or "true" or "1");
        return new AppInfo(
            S("LICENSE"),
            S("LICENSE_FAMILY"),
            S("STATUS"),
            int.TryParse(S("VERSION"), out var version) ? version : null,
            S("LANGUAGE_ID"),
            installed);
    }
}
