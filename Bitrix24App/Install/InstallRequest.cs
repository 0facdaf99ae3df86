using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Install;

/// <summary>
/// The installer frame POST (sheet §1.1): query DOMAIN/PROTOCOL/LANG/APP_SID, body AUTH_ID, REFRESH_ID,
/// APPLICATION_TOKEN, member_id… Nothing here is trusted until <see cref="InstallConfirmation"/> confirms it.
/// </summary>
public sealed record InstallRequest(
    string MemberId,
    string RefreshToken,
    string AccessToken,
    string? ApplicationToken,
    string? Domain,
    string? Protocol,
    int? ExpiresInSeconds,
    string Language,
    string? PostedServerEndpoint,
    string? Status,
    string? Placement)
{
    /// <summary>The request, or the reason it cannot be one.</summary>
    public static (InstallRequest? Request, string? Problem) From(IQueryCollection query, BracketForm form)
    {
        var language = NormaliseLanguage(FirstOf(query["LANG"].ToString(), form.Get("LANG")));
        var memberId = form.Get("member_id")?.Trim();
        var refresh = form.Get("REFRESH_ID")?.Trim();
        var access = form.Get("AUTH_ID")?.Trim();
        if (string.IsNullOrEmpty(memberId))
        {
            return (null, "member_id is missing");
        }
        if (string.IsNullOrEmpty(access))
        {
            return (null, "AUTH_ID is missing");
        }
        if (string.IsNullOrEmpty(refresh))
        {
            return (null, "REFRESH_ID is missing");
        }
        return (new InstallRequest(
            memberId,
            refresh,
            access,
            form.Get("APPLICATION_TOKEN"),
            FirstOf(query["DOMAIN"].ToString(), form.Get("DOMAIN")),
            FirstOf(query["PROTOCOL"].ToString(), form.Get("PROTOCOL")),
            int.TryParse(form.Get("AUTH_EXPIRES"), out var expires) && expires > 0 ? expires : null,
            language,
            form.Get("SERVER_ENDPOINT"),
            form.Get("status"),
            form.Get("PLACEMENT")), null);
    }

    /// <summary>The claimed credentials, for <see cref="InstallConfirmation"/> to check.</summary>
    public PostedGrant ToPostedGrant(DateTimeOffset now) => new(
        MemberId,
        AccessToken,
        RefreshToken,
        now.AddSeconds(ExpiresInSeconds ?? 3600),
        PostedGrant.EndpointFromDomain(Domain, Protocol),
        ApplicationToken,
        Language);

    /// <summary>ru for Russian-speaking viewers, otherwise en (the app speaks these two).</summary>
    public static string NormaliseLanguage(string? lang) =>
        lang?.Trim().ToLowerInvariant() switch
        {
            "ru" or "ua" or "by" or "kz" => "ru",
            _ => "en",
        };

    private static string? FirstOf(string? a, string? b) => string.IsNullOrWhiteSpace(a) ? b : a;
}
