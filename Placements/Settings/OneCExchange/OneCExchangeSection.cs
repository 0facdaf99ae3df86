using System.Globalization;
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
                : t(OneCExchangeTexts.NoSuccess(state.SessionsScanned)))
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
                     OneCExchangeTexts.Files, OneCExchangeTexts.Loaded, OneCExchangeTexts.Errors })
        {
            html.Markup("<th>").Text(t(head)).Markup("</th>");
        }
        html.Markup("</tr></thead><tbody>");
        if (state.Journal.Count == 0)
        {
            html.Markup("<tr><td colspan=\"7\">").Text(t(OneCExchangeTexts.NoSessions)).Markup("</td></tr>");
        }
        foreach (var e in state.Journal)
        {
            html.Markup("<tr class=\"").Text(e.Status).Markup("\"><td>").Text(Stamp(e.StartedAt))
                .Markup("</td><td>").Text(e.ExchangeType)
                .Markup("</td><td>").Text(t(OneCExchangeTexts.StatusOf(e.Status)))
                .Markup("</td><td>").Text(e.DurationSeconds is { } d ? OneCExchangeTexts.Span(d, lang) : "—")
                .Markup("</td><td>");
            Lines(html, e.Files);
            html.Markup("</td><td>").Text(OneCExchangeTexts.Counts(e, lang)).Markup("</td><td>");
            Lines(html, e.Errors);
            html.Markup("</td></tr>");
        }
        html.Markup("</tbody></table>");
    }

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
