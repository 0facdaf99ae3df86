using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements.Frames;

/// <summary>
/// The HTML shell of every placement page. Frame-able by the portal (CSP frame-ancestors, no X-Frame-Options
/// DENY), never cached, session in a meta tag for the page script.
/// </summary>
public static partial class FramePage
{
    private static readonly LocalizedText Refused = new(
        "Доступ запрещён: запрос не от вашего портала Bitrix24. Откройте приложение из Bitrix24 заново.",
        "Access denied: the request did not come from your Bitrix24 portal. Open the application from Bitrix24 again.");

    private static readonly LocalizedText ServerError = new(
        "сервер ответил ошибкой (HTTP {status}). Попробуйте ещё раз позже или откройте приложение заново.",
        "the server answered with an error (HTTP {status}). Try again later or open the application again.");

    // One reading of a JSON API answer for every page script: a body that is not JSON (an unhandled 500 has none, a
    // proxy sends HTML) becomes a sentence in the page's language rather than the browser's parser error.
    private const string ReadScript = """
<script>
window.WineB24 = { read: function (r) {
  return r.text().then(function (t) {
    var b = null;
    try { b = JSON.parse(t); } catch (e) { b = null; }
    if (b === null || typeof b !== 'object') b = { error_description: document.body.dataset.serverError.replace('{status}', r.status) };
    return b;
  });
} };
</script>
""";

    public static IResult Render(string language, string title, string body, string? session, string? portalDomain, int status = 200)
    {
        var html = new HtmlText()
            .Markup("<!DOCTYPE html><html lang=\"").Text(language).Markup("\"><head><meta charset=\"utf-8\">")
            .Markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (session is not null)
        {
            html.Markup("<meta name=\"wineb24-session\" content=\"").Text(session).Markup("\">");
        }
        html.Markup("<title>").Text(title).Markup("</title>")
            .Markup("<style>body{font:14px/1.4 sans-serif;margin:16px;color:#333}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}")
            .Markup(".ok{color:#2e7d32}.missing{color:#c62828}.extra{color:#ef6c00}.warn{background:#fff3e0;padding:8px}</style>")
            .Markup(ReadScript)
            .Markup("</head><body data-server-error=\"").Text(ServerError.For(language)).Markup("\">").Markup(body).Markup("</body></html>");
        return new FrameResult(html.ToString(), status, portalDomain);
    }

    public static IResult Unauthorized(string language) =>
        Render(language, "WineB24", new HtmlText().Markup("<p class=\"warn\">").Text(Refused.For(language)).Markup("</p>").ToString(),
            session: null, portalDomain: null, status: StatusCodes.Status401Unauthorized);

    [GeneratedRegex("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")]
    private static partial Regex HostShape();

    private sealed class FrameResult(string html, int status, string? portalDomain) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // Only the portal may frame the page; a domain of an unexpected shape would break the header, so skip it.
            headers.ContentSecurityPolicy = portalDomain is not null && HostShape().IsMatch(portalDomain)
                ? $"frame-ancestors 'self' https://{portalDomain} http://{portalDomain}"
                : "frame-ancestors 'self' https://*.bitrix24.ru https://*.bitrix24.com";
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync(html, http.RequestAborted);
        }
    }
}
