using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace WineB24.Bitrix24App.Install;

/// <summary>The installer's HTML (ru/en), every dynamic value HTML-encoded; frame-able on purpose (Bitrix24 embeds it).</summary>
public static class InstallPages
{
    public static string Finished(string language) => Page(language,
        Ru(language) ? "WineB24 установлено" : "WineB24 is installed",
        Ru(language) ? "Роботы, встройки и обработчики событий зарегистрированы. Завершаем установку…" : "Robots, placements and event handlers are registered. Finishing the installation…",
        """
        <script src="//api.bitrix24.com/api/v1/"></script>
        <script>BX24.init(function () { BX24.installFinish(); });</script>
        """);

    public static string Failed(string language, string reason, IEnumerable<string>? details = null)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(Encode(reason)).Append("</p>");
        var items = details?.ToList() ?? [];
        if (items.Count > 0)
        {
            body.Append("<ul>");
            foreach (var item in items)
            {
                body.Append("<li>").Append(Encode(item)).Append("</li>");
            }
            body.Append("</ul>");
        }
        body.Append("<p>").Append(Ru(language)
            ? "Откройте приложение ещё раз от имени администратора портала. Если ошибка повторится, передайте этот текст в поддержку."
            : "Open the application again as a portal administrator. If the error repeats, send this text to support.").Append("</p>");
        return Page(language, Ru(language) ? "Установка WineB24 не завершена" : "WineB24 installation did not finish", null, null, body.ToString());
    }

    public static string Help(string language) => Page(language,
        Ru(language) ? "Установщик WineB24" : "WineB24 installer",
        Ru(language)
            ? "Это адрес установщика приложения. Его открывает Битрикс24 при установке (POST). Укажите его в карточке приложения как «URL установки»; обработчик событий — /events."
            : "This is the application's installer URL. Bitrix24 opens it (POST) during installation. Enter it in the application card as the \"installer URL\"; the event handler is /events.",
        null);

    private static string Page(string language, string title, string? text, string? script, string? rawBody = null)
    {
        var lang = Ru(language) ? "ru" : "en";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\"><title>")
          .Append(Encode(title)).Append("</title></head><body><h1>").Append(Encode(title)).Append("</h1>");
        if (text is not null)
        {
            sb.Append("<p>").Append(Encode(text)).Append("</p>");
        }
        if (rawBody is not null)
        {
            sb.Append(rawBody);
        }
        if (script is not null)
        {
            sb.Append(script);
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static bool Ru(string language) => language == "ru";

    // Cyrillic stays readable; markup characters (< > & " ') are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string value) => Encoder.Encode(value);
}
