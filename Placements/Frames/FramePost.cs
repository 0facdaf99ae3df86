using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WineB24.Placements.Frames;

/// <summary>
/// The frame POST Bitrix24 sends for the app page and every placement (sheet §1.1): viewer tokens and
/// application token in the body, DOMAIN / PROTOCOL / LANG / APP_SID in the query.
/// </summary>
public sealed class FramePost
{
    public string MemberId { get; private init; } = "";
    public string? ApplicationToken { get; private init; }
    public string? AuthId { get; private init; }
    public string Placement { get; private init; } = "DEFAULT";
    public JObject PlacementOptions { get; private init; } = new();
    public string? Domain { get; private init; }
    public bool Https { get; private init; } = true;
    public string Language { get; private init; } = "en";
    public string? AppSid { get; private init; }

    public static async Task<FramePost> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : FormCollection.Empty;
        var query = request.Query;
        return new FramePost
        {
            // member_id arrives lower case; keep the stored form's case rules to the directory.
            MemberId = form["member_id"].ToString(),
            ApplicationToken = NullIfEmpty(form["APPLICATION_TOKEN"].ToString()),
            AuthId = NullIfEmpty(form["AUTH_ID"].ToString()),
            Placement = NullIfEmpty(form["PLACEMENT"].ToString()) ?? "DEFAULT",
            PlacementOptions = ParseOptions(form["PLACEMENT_OPTIONS"].ToString()),
            Domain = NullIfEmpty(query["DOMAIN"].ToString()),
            Https = query["PROTOCOL"].ToString() != "0",
            Language = PageLanguage.From(query["LANG"].ToString()),
            AppSid = NullIfEmpty(query["APP_SID"].ToString()),
        };
    }

    /// <summary>PLACEMENT_OPTIONS is a JSON string (may be absent for DEFAULT); anything else counts as none.</summary>
    internal static JObject ParseOptions(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 64 * 1024) return new JObject();
        try
        {
            using var reader = new JsonTextReader(new StringReader(raw)) { MaxDepth = 16 };
            return JToken.ReadFrom(reader) as JObject ?? new JObject();
        }
        catch (JsonException)
        {
            return new JObject();
        }
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>Pages are in Russian for a Russian interface, otherwise in English.</summary>
public static class PageLanguage
{
    public static string From(string? lang) => string.Equals(lang?.Trim(), "ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";
}
