using System.Globalization;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.Placements.Frames;

namespace WineB24.Placements.Settings.OneCExchange;

/// <summary>
/// The 1C part of the settings page. Every value goes through <see cref="HtmlText"/>; the admin's buttons are
/// rendered only for admins (the API refuses others anyway), and the script writes answers with textContent.
/// </summary>
public static class OneCExchangeSection
{
    public static void Write(HtmlText html, OneCExchangeState state, bool isAdmin, string lang)
    {
        var t = (Bitrix24Client.Apps.LocalizedText text) => text.For(lang);
        html.Markup("<h2>").Text(t(OneCExchangeTexts.Heading)).Markup("</h2><table id=\"onec\">");
        html.Markup("<tr><th>").Text(t(OneCExchangeTexts.Url)).Markup("</th><td id=\"onec-url\">");
        if (state.ExchangeUrl is null) html.Text(t(OneCExchangeTexts.UrlMissing));
        else html.Markup("<code>").Text(state.ExchangeUrl).Markup("</code>");
        html.Markup("</td></tr><tr><th>").Text(t(OneCExchangeTexts.Login)).Markup("</th><td id=\"onec-login\">")
            .Text(!state.HasCredentials ? t(OneCExchangeTexts.NoLogin) : state.Login ?? t(OneCExchangeTexts.LoginHidden))
            .Markup("</td></tr>");
        if (isAdmin)
        {
            html.Markup("<tr><th>").Text(t(OneCExchangeTexts.Password)).Markup("</th><td><code id=\"onec-password\"></code> <span id=\"onec-password-note\">")
                .Text(t(state.ConfiguredOnServer ? OneCExchangeTexts.ConfiguredOnServer : OneCExchangeTexts.PasswordHint)).Markup("</span></td></tr>");
        }
        html.Markup("<tr><th>").Text(t(OneCExchangeTexts.LastSuccess)).Markup("</th><td id=\"onec-last-success\">")
            .Text(state.LastSuccessAt is { } at
                ? $"{Stamp(at)} ({OneCExchangeTexts.Ago(state.LagSeconds ?? 0, lang)})"
                : t(OneCExchangeTexts.NoSuccess(state.AnySession)))
            .Markup("</td></tr><tr><th>").Text(t(OneCExchangeTexts.Bitrix24Behind)).Markup("</th><td id=\"onec-behind\">")
            .Text(state.Bitrix24BehindSeconds is { } behind ? OneCExchangeTexts.Span(behind, lang) : t(OneCExchangeTexts.Bitrix24UpToDate))
            .Markup("</td></tr></table>");

        if (isAdmin && !state.ConfiguredOnServer)
        {
            // Both buttons are always rendered for admins; the script turns "generate" into "change" and shows
            // "revoke" once a login exists, so the labels and confirmations travel in data attributes.
            html.Markup("<p><button id=\"onec-issue\" type=\"button\" data-confirm=\"")
                .Text(state.HasCredentials ? t(OneCExchangeTexts.RotateConfirm) : "")
                .Markup("\" data-generate-label=\"").Text(t(OneCExchangeTexts.Generate))
                .Markup("\" data-rotate-label=\"").Text(t(OneCExchangeTexts.Rotate))
                .Markup("\" data-rotate-confirm=\"").Text(t(OneCExchangeTexts.RotateConfirm))
                .Markup("\" data-shown-once=\"").Text(t(OneCExchangeTexts.ShownOnce))
                .Markup("\" data-failed=\"").Text(t(OneCExchangeTexts.Failed)).Markup("\">")
                .Text(t(state.HasCredentials ? OneCExchangeTexts.Rotate : OneCExchangeTexts.Generate)).Markup("</button>")
                .Markup(" <button id=\"onec-revoke\" type=\"button\"").Markup(state.HasCredentials ? "" : " hidden")
                .Markup(" data-confirm=\"").Text(t(OneCExchangeTexts.RevokeConfirm))
                .Markup("\" data-revoked=\"").Text(t(OneCExchangeTexts.Revoked)).Markup("\">")
                .Text(t(OneCExchangeTexts.Revoke)).Markup("</button></p>");
        }

        html.Markup("<h3>").Text(t(OneCExchangeTexts.Journal)).Markup("</h3><table id=\"onec-journal\"><thead><tr>");
        foreach (var head in new[] { OneCExchangeTexts.Started, OneCExchangeTexts.Kind, OneCExchangeTexts.Status, OneCExchangeTexts.Duration,
                     OneCExchangeTexts.Files, OneCExchangeTexts.Loaded, OneCExchangeTexts.InBitrix24, OneCExchangeTexts.Errors })
        {
            html.Markup("<th>").Text(t(head)).Markup("</th>");
        }
        html.Markup("</tr></thead><tbody>");
        if (state.Journal.Count == 0)
        {
            html.Markup("<tr><td colspan=\"8\">").Text(t(OneCExchangeTexts.NoSessions)).Markup("</td></tr>");
        }
        foreach (var e in state.Journal)
        {
            html.Markup("<tr class=\"").Text(e.Status).Markup("\"><td>").Text(Stamp(e.StartedAt))
                .Markup("</td><td>").Text(e.Replay ? $"{e.ExchangeType} ({t(OneCExchangeTexts.ReplayMark)})" : e.ExchangeType)
                .Markup("</td><td>").Text(t(OneCExchangeTexts.StatusOf(e.Status)))
                .Markup("</td><td>").Text(e.DurationSeconds is { } d ? OneCExchangeTexts.Span(d, lang) : "—")
                .Markup("</td><td>");
            Lines(html, e.Files);
            html.Markup("</td><td>").Text(OneCExchangeTexts.Counts(e, lang))
                .Markup("</td><td class=\"delivery\">").Text(OneCExchangeTexts.Delivery(e.Bitrix24, lang)).Markup("</td><td>");
            Lines(html, e.Errors);
            html.Markup("</td></tr>");
        }
        html.Markup("</tbody></table>");
        WriteFailedFiles(html, state.FailedFiles, isAdmin, lang);
    }

    /// <summary>Failed files with their reason; admins get a replay button per kept file and the script that drives it.</summary>
    private static void WriteFailedFiles(HtmlText html, IReadOnlyList<OneCFailedFile> files, bool isAdmin, string lang)
    {
        var t = (Bitrix24Client.Apps.LocalizedText text) => text.For(lang);
        html.Markup("<h3>").Text(t(OneCExchangeTexts.FailedFiles)).Markup("</h3><table id=\"onec-failed\"");
        if (isAdmin)
        {
            html.Markup(" data-confirm=\"").Text(t(OneCExchangeTexts.ReplayConfirm))
                .Markup("\" data-force-confirm=\"").Text(t(OneCExchangeTexts.ReplayForceConfirm))
                .Markup("\" data-failed=\"").Text(t(OneCExchangeTexts.Failed)).Markup("\"");
        }
        html.Markup("><thead><tr>");
        foreach (var head in new[] { OneCExchangeTexts.FailedAt, OneCExchangeTexts.Kind, OneCExchangeTexts.File, OneCExchangeTexts.Reason,
                     OneCExchangeTexts.Status, OneCExchangeTexts.Attempts })
        {
            html.Markup("<th>").Text(t(head)).Markup("</th>");
        }
        html.Markup(isAdmin ? "<th></th>" : "").Markup("</tr></thead><tbody>");
        if (files.Count == 0)
        {
            html.Markup("<tr><td colspan=\"").Markup(isAdmin ? "7" : "6").Markup("\">").Text(t(OneCExchangeTexts.NoFailedFiles)).Markup("</td></tr>");
        }
        foreach (var f in files)
        {
            html.Markup("<tr class=\"").Text(f.Status).Markup("\"><td>").Text(Stamp(f.FailedAt))
                .Markup("</td><td>").Text(f.ExchangeType)
                .Markup("</td><td>").Text(f.FileName)
                .Markup("</td><td>").Text(f.Reason)
                .Markup("</td><td>").Text(t(OneCExchangeTexts.FailedStatusOf(f.Status)));
            // An open item whose copy retention dropped cannot be replayed: say what to do instead.
            if (!f.Kept && f.Status != FailedFiles.Resolved)
            {
                html.Markup("<br>").Text(t(OneCExchangeTexts.NotKept));
            }
            html.Markup("</td><td>").Text(f.Attempts.ToString(CultureInfo.InvariantCulture)).Markup("</td>");
            if (isAdmin)
            {
                html.Markup("<td>");
                if (f.Replayable)
                {
                    html.Markup("<button type=\"button\" class=\"onec-replay\" data-id=\"").Text(f.Id).Markup("\">")
                        .Text(t(OneCExchangeTexts.Replay)).Markup("</button>");
                }
                html.Markup("</td>");
            }
            html.Markup("</tr>");
        }
        html.Markup("</tbody></table>");
        if (isAdmin)
        {
            html.Markup(ReplayScript);
        }
    }

    // A superseded file (409 "superseded") is replayed only after a second, explicit confirmation (force=true).
    // Answers are shown with alert (text only), then the page's content is re-read (WineB24.refresh) to show the new
    // journal state.
    private const string ReplayScript = """
<script>
(function () {
  var table = document.getElementById('onec-failed');
  var session = document.querySelector('meta[name="wineb24-session"]').content;
  function replay(id, force) {
    return fetch('/api/placements/default/onec/failed/' + encodeURIComponent(id) + '/replay' + (force ? '?force=true' : ''),
      { method: 'POST', headers: { 'X-WineB24-Session': session, 'X-WineB24-Lang': document.documentElement.lang } })
      .then(function (r) { return WineB24.read(r).then(function (b) { return { status: r.status, body: b }; }); });
  }
  table.querySelectorAll('button.onec-replay').forEach(function (button) {
    button.addEventListener('click', function () {
      if (!confirm(table.dataset.confirm)) return;
      button.disabled = true;
      replay(button.dataset.id, false).then(function (a) {
        if (a.body.status === 'superseded') {
          if (!confirm(a.body.message + '\n\n' + table.dataset.forceConfirm)) { button.disabled = false; return null; }
          return replay(button.dataset.id, true);
        }
        return a;
      }).then(function (a) {
        if (a) { alert(a.body.message || a.body.error_description || a.status); return WineB24.refresh(); }
      }).catch(function (e) { button.disabled = false; alert(table.dataset.failed + ': ' + e.message); });
    });
  });
})();
</script>
""";

    private static void Lines(HtmlText html, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) html.Markup("<br>");
            html.Text(lines[i]);
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
