using System.Globalization;
using WineB24.Placements.Frames;
using WineB24.Placements.Settings.OneCExchange;

namespace WineB24.Placements.Settings;

/// <summary>The markup of the settings page (the app's DEFAULT page). Every portal value goes through encoding.</summary>
public static class SettingsPage
{
    public const string StatePath = "/api/placements/default/state";

    public static string Body(PortalSettingsState state, OneCExchangeState exchange, bool isAdmin, string lang)
    {
        var t = (Bitrix24Client.Apps.LocalizedText text) => text.For(lang);
        var html = new HtmlText().Markup("<h1>").Text(t(SettingsTexts.Title)).Markup("</h1>");
        if (!isAdmin)
        {
            html.Markup("<p class=\"warn\" id=\"read-only\">").Text(t(SettingsTexts.ReadOnly)).Markup("</p>");
        }
        html
            .Markup("<h2>").Text(t(SettingsTexts.Connection)).Markup("</h2><table id=\"connection\">");
        Row(html, t(SettingsTexts.Portal), state.Domain);
        Row(html, t(SettingsTexts.Installed), t(state.Installed ? SettingsTexts.Yes : SettingsTexts.No));
        Row(html, t(SettingsTexts.NeedsAttention), state.NeedsAttention switch
        {
            true => t(SettingsTexts.Yes) + ": " + state.AttentionReason,
            false => t(SettingsTexts.No),
            null => t(SettingsTexts.Unknown),
        });
        Row(html, t(SettingsTexts.LastRefresh), state.LastTokenRefreshAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? t(SettingsTexts.Unknown));
        Row(html, t(SettingsTexts.License), $"{state.License ?? t(SettingsTexts.Unknown)} / {t(SettingsTexts.AppStatus(state.Status))}");
        html.Markup("</table>");

        html.Markup("<h2>").Text(t(SettingsTexts.Registrations)).Markup("</h2>")
            .Markup("<table id=\"registrations\"><thead><tr><th>").Text(t(SettingsTexts.Kind)).Markup("</th><th>")
            .Text(t(SettingsTexts.Name)).Markup("</th><th>").Text(t(SettingsTexts.State)).Markup("</th></tr></thead><tbody>");
        if (state.Registrations.Count == 0)
        {
            html.Markup("<tr><td colspan=\"3\">").Text(t(SettingsTexts.Nothing)).Markup("</td></tr>");
        }
        foreach (var row in state.Registrations)
        {
            html.Markup("<tr class=\"").Markup(row.Status.ToString().ToLowerInvariant()).Markup("\"><td>").Text(row.Kind)
                .Markup("</td><td>").Text(row.Name).Markup("</td><td>").Text(t(SettingsTexts.For(row.Status))).Markup("</td></tr>");
        }
        html.Markup("</tbody></table>");

        if (state.Problems.Count > 0)
        {
            html.Markup("<div class=\"warn\" id=\"problems\"><p>").Text(t(SettingsTexts.Problems)).Markup("</p><ul>");
            foreach (var p in state.Problems) html.Markup("<li>").Text(p).Markup("</li>");
            html.Markup("</ul></div>");
        }
        html.Markup("<p><button id=\"refresh\" type=\"button\">").Text(t(SettingsTexts.Refresh)).Markup("</button></p>");
        OneCExchangeSection.Write(html, exchange, isAdmin, lang);
        html.Markup(Script);
        return html.ToString();
    }

    private static void Row(HtmlText html, string label, string? value) =>
        html.Markup("<tr><th>").Text(label).Markup("</th><td>").Text(value).Markup("</td></tr>");

    // "Refresh" re-reads the whole content through the signed session (WineB24.refresh in the frame shell), never by
    // re-posting Bitrix24's frame form. The 1C answers are set with textContent, never innerHTML.
    private const string Script = """
<script>
(function () {
  var session = document.querySelector('meta[name="wineb24-session"]').content;
  document.getElementById('refresh').addEventListener('click', function () { WineB24.refresh(); });
  // 1C buttons exist only for admins. The new password is put in the page once, with textContent, and never
  // stored by the page; the server keeps only its hash.
  function post(path) {
    return fetch(path, { method: 'POST', headers: { 'X-WineB24-Session': session, 'X-WineB24-Lang': document.documentElement.lang } })
      .then(function (r) { return WineB24.read(r).then(function (b) { if (!r.ok) throw new Error(b.error_description || r.status); return b; }); });
  }
  var issue = document.getElementById('onec-issue');
  if (issue) issue.addEventListener('click', function () {
    if (issue.dataset.confirm && !confirm(issue.dataset.confirm)) return;
    post('/api/placements/default/onec/password').then(function (b) {
      document.getElementById('onec-login').textContent = b.login;
      document.getElementById('onec-password').textContent = b.password;
      document.getElementById('onec-password-note').textContent = issue.dataset.shownOnce;
      issue.textContent = issue.dataset.rotateLabel;
      issue.dataset.confirm = issue.dataset.rotateConfirm;
      var r = document.getElementById('onec-revoke');
      r.hidden = false; r.disabled = false;
    }).catch(function (e) { alert(issue.dataset.failed + ': ' + e.message); });
  });
  var revoke = document.getElementById('onec-revoke');
  if (revoke) revoke.addEventListener('click', function () {
    if (!confirm(revoke.dataset.confirm)) return;
    post('/api/placements/default/onec/revoke').then(function () {
      document.getElementById('onec-login').textContent = revoke.dataset.revoked;
      document.getElementById('onec-password').textContent = '';
      revoke.hidden = true;
      issue.textContent = issue.dataset.generateLabel;
      issue.dataset.confirm = '';
    }).catch(function (e) { alert(e.message); });
  });
})();
</script>
""";
}
