using System.Globalization;
using WineB24.OneCConnector.OData;
using WineB24.Placements.Frames;

namespace WineB24.Placements.Settings.OneCSync;

/// <summary>
/// The 1C sync part of the settings page: OData connection, stage map, review list. Every value goes through
/// <see cref="HtmlText"/>; form controls and buttons exist only for admins (the API refuses others anyway); the script
/// writes answers with textContent and takes its texts from data attributes.
/// </summary>
public static class OneCSyncSection
{
    public static string Html(OneCSyncState state, bool isAdmin, string lang)
    {
        var html = new HtmlText();
        var t = (Bitrix24Client.Apps.LocalizedText text) => text.For(lang);
        var c = state.Connection;
        var editable = isAdmin && !c.ConfiguredOnServer;
        html.Markup("<section id=\"onec-sync\" data-failed=\"").Text(t(OneCSyncTexts.Failed)).Markup("\" data-checking=\"")
            .Text(t(OneCSyncTexts.Checking)).Markup("\"><h2>").Text(t(OneCSyncTexts.Heading)).Markup("</h2>");
        if (c.ConfiguredOnServer) html.Markup("<p class=\"warn\" id=\"odata-configured\">").Text(t(OneCSyncTexts.ConfiguredOnServer)).Markup("</p>");
        else if (c.Url is null) html.Markup("<p id=\"odata-none\">").Text(t(OneCSyncTexts.NotConnected)).Markup("</p>");

        html.Markup("<table id=\"odata\">");
        Field(html, t(OneCSyncTexts.Url), "odata-url", "url", c.Url, editable);
        Field(html, t(OneCSyncTexts.Login), "odata-login", "text", c.Login, editable);
        html.Markup("<tr><th>").Text(t(OneCSyncTexts.Password)).Markup("</th><td>");
        if (editable) html.Markup("<input id=\"odata-password\" type=\"password\" autocomplete=\"new-password\" value=\"\"> ");
        html.Markup("<span id=\"odata-password-state\">").Text(t(c.HasPassword ? OneCSyncTexts.PasswordStored : OneCSyncTexts.PasswordMissing))
            .Markup("</span></td></tr><tr><th>").Text(t(OneCSyncTexts.Configuration)).Markup("</th><td>");
        if (editable)
        {
            html.Markup("<select id=\"odata-configuration\">");
            foreach (var name in Enum.GetNames<OneCConfiguration>())
            {
                html.Markup("<option value=\"").Text(name).Markup(name == c.Configuration ? "\" selected>" : "\">")
                    .Text(t(OneCSyncTexts.ConfigurationName(name))).Markup("</option>");
            }
            html.Markup("</select>");
        }
        else html.Text(t(OneCSyncTexts.ConfigurationName(c.Configuration)));
        html.Markup("</td></tr>");
        Field(html, t(OneCSyncTexts.ReceivablesEvery), "odata-receivables", "number", Minutes(c.ReceivablesEveryMinutes), editable);
        Field(html, t(OneCSyncTexts.CounterpartiesEvery), "odata-counterparties", "number", Minutes(c.CounterpartiesEveryMinutes), editable);
        Field(html, t(OneCSyncTexts.StockEvery), "odata-stock", "number", Minutes(c.StockEveryMinutes), editable);
        html.Markup("</table>");
        if (editable)
        {
            html.Markup("<p><button id=\"odata-save\" type=\"button\">").Text(t(OneCSyncTexts.Save)).Markup("</button> ");
        }
        else html.Markup("<p>");
        if (isAdmin) html.Markup("<button id=\"odata-check\" type=\"button\">").Text(t(OneCSyncTexts.Check)).Markup("</button>");
        html.Markup(" <span id=\"odata-result\" role=\"status\"></span></p>");

        Stages(html, state.Stages, isAdmin, t);
        Review(html, state.Review, isAdmin, t);
        html.Markup("</section>").Markup(Script);
        return html.ToString();
    }

    private static void Stages(HtmlText html, StageMapState s, bool isAdmin, Func<Bitrix24Client.Apps.LocalizedText, string> t)
    {
        html.Markup("<h3>").Text(t(OneCSyncTexts.StagesHeading)).Markup("</h3>");
        if (s.Error is not null)
        {
            html.Markup("<p class=\"warn\" id=\"stages-error\">").Text(s.Error).Markup("</p>");
            return;
        }
        string Label(string stageId) => s.Stages.FirstOrDefault(x => x.StageId == stageId) is { } st
            ? (st.CategoryName.Length > 0 ? st.CategoryName + ": " : "") + st.Name : stageId;
        void Options(string? selected)
        {
            foreach (var st in s.Stages)
            {
                html.Markup("<option value=\"").Text(st.StageId).Markup(st.StageId == selected ? "\" selected>" : "\">").Text(Label(st.StageId)).Markup("</option>");
            }
        }
        html.Markup("<table id=\"stage-map\"><thead><tr><th>").Text(t(OneCSyncTexts.Status)).Markup("</th><th>").Text(t(OneCSyncTexts.Stage))
            .Markup("</th></tr></thead><tbody>");
        foreach (var row in s.Rows)
        {
            html.Markup("<tr><td>");
            if (isAdmin)
            {
                html.Markup("<input class=\"stage-status\" type=\"text\" value=\"").Text(row.Status).Markup("\"></td><td><select class=\"stage-id\">");
                Options(row.StageId);
                html.Markup("</select>");
            }
            else html.Text(row.Status).Markup("</td><td>").Text(Label(row.StageId));
            html.Markup("</td></tr>");
        }
        html.Markup("</tbody></table>");
        if (isAdmin)
        {
            // The template row the "add" button clones: the portal's stages are already in it.
            html.Markup("<template id=\"stage-row\"><tr><td><input class=\"stage-status\" type=\"text\" value=\"\"></td><td><select class=\"stage-id\">");
            Options(null);
            html.Markup("</select></td></tr></template><p><button id=\"stage-add\" type=\"button\">").Text(t(OneCSyncTexts.AddRow)).Markup("</button></p>");
        }
        html.Markup("<h4>").Text(t(OneCSyncTexts.SendHeading)).Markup("</h4><ul id=\"send-stages\">");
        foreach (var st in s.Stages.Where(x => isAdmin || s.SendStages.Contains(x.StageId)))
        {
            html.Markup("<li>");
            if (isAdmin)
            {
                html.Markup("<label><input class=\"send-stage\" type=\"checkbox\" value=\"").Text(st.StageId)
                    .Markup(s.SendStages.Contains(st.StageId) ? "\" checked> " : "\"> ").Text(Label(st.StageId)).Markup("</label>");
            }
            else html.Text(Label(st.StageId));
            html.Markup("</li>");
        }
        html.Markup("</ul>");
        if (isAdmin) html.Markup("<p><button id=\"stages-save\" type=\"button\">").Text(t(OneCSyncTexts.SaveStages)).Markup("</button> <span id=\"stages-result\" role=\"status\"></span></p>");
    }

    private static void Review(HtmlText html, IReadOnlyList<ReviewItem> items, bool isAdmin, Func<Bitrix24Client.Apps.LocalizedText, string> t)
    {
        html.Markup("<h3>").Text(t(OneCSyncTexts.ReviewHeading)).Markup("</h3><table id=\"review\"><thead><tr>");
        foreach (var head in new[] { OneCSyncTexts.Reason, OneCSyncTexts.OneCId, OneCSyncTexts.Name, OneCSyncTexts.FirstSeen, OneCSyncTexts.LastSeen })
        {
            html.Markup("<th>").Text(t(head)).Markup("</th>");
        }
        html.Markup(isAdmin ? "<th></th></tr></thead><tbody>" : "</tr></thead><tbody>");
        if (items.Count == 0) html.Markup("<tr><td colspan=\"6\">").Text(t(OneCSyncTexts.ReviewEmpty)).Markup("</td></tr>");
        foreach (var r in items)
        {
            html.Markup("<tr data-subject=\"").Text(r.Subject).Markup("\" data-id=\"").Text(r.OneCId).Markup("\"><td>").Text(r.Reason)
                .Markup("</td><td>").Text(r.OneCId).Markup("</td><td>").Text(r.Name ?? "—")
                .Markup("</td><td>").Text(Stamp(r.FirstSeenAt)).Markup("</td><td>").Text(Stamp(r.LastSeenAt)).Markup("</td>");
            if (isAdmin)
            {
                html.Markup("<td>");
                if (r.CanRetry) html.Markup("<button class=\"review-retry\" type=\"button\">").Text(t(OneCSyncTexts.Retry)).Markup("</button> ");
                html.Markup("<button class=\"review-dismiss\" type=\"button\">").Text(t(OneCSyncTexts.Dismiss)).Markup("</button></td>");
            }
            html.Markup("</tr>");
        }
        html.Markup("</tbody></table>");
    }

    private static void Field(HtmlText html, string label, string id, string type, string? value, bool editable)
    {
        html.Markup("<tr><th>").Text(label).Markup("</th><td>");
        if (editable) html.Markup("<input id=\"").Markup(id).Markup("\" type=\"").Markup(type).Markup("\" value=\"").Text(value).Markup("\">");
        else html.Markup("<span id=\"").Markup(id).Markup("\">").Text(value ?? "—").Markup("</span>");
        html.Markup("</td></tr>");
    }

    private static string Minutes(int minutes) => minutes.ToString(CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // Calls the JSON API with the page's signed session; answers are written with textContent, never innerHTML.
    // After a change that alters the lists (stages, review) the page's content is re-read from the server through the
    // session (WineB24.refresh), which re-renders them encoded, rather than building markup here.
    private const string Script = """
<script>
(function () {
  var session = document.querySelector('meta[name="wineb24-session"]').content;
  var root = document.getElementById('onec-sync');
  function $(id) { return document.getElementById(id); }
  function send(path, body) {
    return fetch(path, { method: 'POST', headers: { 'X-WineB24-Session': session, 'X-WineB24-Lang': document.documentElement.lang, 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return WineB24.read(r).then(function (b) { if (!r.ok) throw new Error(b.error_description || r.status); return b; }); });
  }
  function show(id, text) { $(id).textContent = text; }
  function form() {
    return {
      url: $('odata-url').value, login: $('odata-login').value, password: $('odata-password').value,
      configuration: $('odata-configuration').value, receivablesEveryMinutes: +$('odata-receivables').value || 0,
      counterpartiesEveryMinutes: +$('odata-counterparties').value || 0, stockEveryMinutes: +$('odata-stock').value || 0
    };
  }
  if ($('odata-save')) $('odata-save').addEventListener('click', function () {
    send('/api/placements/default/onec-sync/odata', form()).then(function (b) { $('odata-password').value = ''; show('odata-result', b.message); })
      .catch(function (e) { show('odata-result', root.dataset.failed + ': ' + e.message); });
  });
  if ($('odata-check')) $('odata-check').addEventListener('click', function () {
    show('odata-result', root.dataset.checking);
    send('/api/placements/default/onec-sync/odata/check', $('odata-url') && $('odata-url').value !== undefined && $('odata-password') ? form() : {})
      .then(function (b) { show('odata-result', b.message); })
      .catch(function (e) { show('odata-result', root.dataset.failed + ': ' + e.message); });
  });
  if ($('stage-add')) $('stage-add').addEventListener('click', function () {
    document.querySelector('#stage-map tbody').appendChild($('stage-row').content.cloneNode(true));
  });
  if ($('stages-save')) $('stages-save').addEventListener('click', function () {
    var rows = [];
    document.querySelectorAll('#stage-map tbody tr').forEach(function (tr) {
      var s = tr.querySelector('.stage-status'), id = tr.querySelector('.stage-id');
      if (s && s.value.trim()) rows.push({ status: s.value, stageId: id.value });
    });
    var sendStages = [];
    document.querySelectorAll('.send-stage:checked').forEach(function (c) { sendStages.push(c.value); });
    send('/api/placements/default/onec-sync/stages', { statuses: rows, sendStages: sendStages }).then(function () { return WineB24.refresh(); })
      .catch(function (e) { show('stages-result', root.dataset.failed + ': ' + e.message); });
  });
  document.querySelectorAll('#review tbody tr[data-id]').forEach(function (tr) {
    var item = { subject: tr.dataset.subject, oneCId: tr.dataset.id };
    var cell = tr.lastElementChild;
    function act(path) {
      send(path, item).then(function (b) { if (b.message) alert(b.message); return WineB24.refresh(); })
        .catch(function (e) { alert(root.dataset.failed + ': ' + e.message); });
    }
    var retry = tr.querySelector('.review-retry'), dismiss = tr.querySelector('.review-dismiss');
    if (retry) retry.addEventListener('click', function () { act('/api/placements/default/onec-sync/review/retry'); });
    if (dismiss) dismiss.addEventListener('click', function () { act('/api/placements/default/onec-sync/review/dismiss'); });
  });
})();
</script>
""";
}
