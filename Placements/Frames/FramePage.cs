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

    private static readonly LocalizedText RefreshFailed = new("Не удалось обновить страницу", "Could not refresh the page");

    // One reading of a JSON API answer for every page script: a body that is not JSON (an unhandled 500 has none, a
    // proxy sends HTML) becomes a sentence in the page's language rather than the browser's parser error.
    // refresh() re-reads the page's content with the signed frame session (a GET of the page path in data-refresh)
    // and swaps it in; location.reload() would re-POST Bitrix24's frame form with an AUTH_ID that expires after an
    // hour. The fragment is the server's own encoded markup; createContextualFragment lets its scripts run again on
    // the new elements. An unreadable session replaces the content with the server's "reopen the page" sentence;
    // any other failure is shown above the unchanged content. refresh() never rejects.
    private const string ReadScript = """
<script>
window.WineB24 = { read: function (r) {
  return r.text().then(function (t) {
    var b = null;
    try { b = JSON.parse(t); } catch (e) { b = null; }
    if (b === null || typeof b !== 'object') b = { error_description: document.body.dataset.serverError.replace('{status}', r.status) };
    return b;
  });
}, refresh: function () {
  var page = document.getElementById('wineb24-page'), status = document.getElementById('wineb24-status');
  function say(text) { status.textContent = text; status.hidden = false; }
  return fetch(page.dataset.refresh, { cache: 'no-store', headers: {
      'X-WineB24-Session': document.querySelector('meta[name="wineb24-session"]').content, 'X-WineB24-Lang': document.documentElement.lang } })
    .then(function (r) {
      if (r.ok) return r.text().then(function (html) {
        var range = document.createRange();
        range.selectNodeContents(page);
        page.replaceChildren(range.createContextualFragment(html));
        status.hidden = true; status.textContent = '';
      });
      return WineB24.read(r).then(function (b) {
        var text = b.error_description || String(r.status);
        if (r.status !== 401) { say(status.dataset.failed + ': ' + text); return; }
        var p = document.createElement('p');
        p.className = 'warn'; p.id = 'session-expired'; p.textContent = text;
        page.replaceChildren(p);
        status.hidden = true;
      });
    })
    .catch(function (e) { say(status.dataset.failed + ': ' + e.message); });
} };
</script>
""";

    /// <param name="refreshPath">
    /// The session-guarded GET that answers this page's content again (<see cref="ContentResult"/>); the page scripts
    /// re-read it with <c>WineB24.refresh()</c> after a change. Null for a page without a session.
    /// </param>
    public static IResult Render(string language, string title, string body, string? session, string? portalDomain, int status = 200,
        string? refreshPath = null)
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
            .Markup("</head><body data-server-error=\"").Text(ServerError.For(language)).Markup("\">")
            .Markup("<p id=\"wineb24-status\" class=\"warn\" role=\"status\" hidden data-failed=\"").Text(RefreshFailed.For(language)).Markup("\"></p>")
            .Markup("<main id=\"wineb24-page\"");
        if (refreshPath is not null) html.Markup(" data-refresh=\"").Text(refreshPath).Markup("\"");
        html.Markup(">").Markup(body).Markup("</main></body></html>");
        return new FrameResult(html.ToString(), status, portalDomain);
    }

    /// <summary>
    /// A page's content alone (what goes inside <c>#wineb24-page</c>), for <c>WineB24.refresh()</c>: already encoded
    /// markup from the page's own renderer, never cached, never sniffed as anything but HTML.
    /// </summary>
    public static IResult ContentResult(string body) => new FragmentResult(body);

    public static IResult Unauthorized(string language) =>
        Render(language, "WineB24", new HtmlText().Markup("<p class=\"warn\">").Text(Refused.For(language)).Markup("</p>").ToString(),
            session: null, portalDomain: null, status: StatusCodes.Status401Unauthorized);

    private sealed class FragmentResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync(html, http.RequestAborted);
        }
    }

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
