using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Limits;

namespace WineB24.Bitrix24Client.Methods;

/// <summary><c>app.*</c> (app context only; a webhook gets ACCESS_DENIED).</summary>
public sealed class AppCalls(IBitrix24Client client)
{
    /// <summary>app.info — Read.</summary>
    public async Task<AppInfo> InfoAsync(CancellationToken cancellationToken = default) =>
        AppInfo.From(Results.Object(await client.CallAsync("app.info", null, CallKind.Read, cancellationToken).ConfigureAwait(false), "app.info"));
}

/// <summary>The app as the portal sees it (sheet §1.4). <see cref="Raw"/> keeps fields not mapped here.</summary>
public sealed record AppInfo(
    long? Id, string? Code, int? Version, string? Status, bool Installed, bool PaymentExpired, int? Days,
    string? LanguageId, string? License, string? LicenseType, string? LicenseFamily, JObject Raw)
{
    /// <summary>This portal's limits: Enterprise (5/s, 250) for LICENSE_FAMILY <c>ent</c>, else the standard 2/s, 50.</summary>
    public PortalLimits Limits(PortalLimits baseline) => baseline.ForLicense(LicenseFamily, License);

    public static AppInfo From(JObject r) => new(
        Long(r["ID"]), Text(r["CODE"]), (int?)Long(r["VERSION"]), Text(r["STATUS"]), YesNo(r["INSTALLED"]),
        YesNo(r["PAYMENT_EXPIRED"]), (int?)Long(r["DAYS"]), Text(r["LANGUAGE_ID"]), Text(r["LICENSE"]),
        Text(r["LICENSE_TYPE"]), Text(r["LICENSE_FAMILY"]), r);

    private static string? Text(JToken? t) => t is null || t.Type == JTokenType.Null ? null : t.ToString();

    private static long? Long(JToken? t) => long.TryParse(Text(t), System.Globalization.NumberStyles.Integer,
        System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static bool YesNo(JToken? t) => t?.Type switch
    {
        JTokenType.Boolean => (bool)t,
        JTokenType.Integer => (long)t != 0,
        JTokenType.String => (string?)t is "Y" or "y" or "1" or "true",
        _ => false,
    };
}
