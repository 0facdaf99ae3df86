using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements.Settings;

internal static class SettingsTexts
{
    public static readonly LocalizedText Title = new("WineB24: настройки и состояние", "WineB24: settings and status");
    public static readonly LocalizedText Connection = new("Подключение портала", "Portal connection");
    public static readonly LocalizedText Portal = new("Портал", "Portal");
    public static readonly LocalizedText Installed = new("Установлено", "Installed");
    public static readonly LocalizedText NeedsAttention = new("Требует внимания администратора", "Needs an administrator's attention");
    public static readonly LocalizedText LastRefresh = new("Последнее обновление токенов", "Last token refresh");
    public static readonly LocalizedText License = new("Тариф / статус приложения", "Plan / app status");
    public static readonly LocalizedText Unknown = new("неизвестно", "unknown");
    public static readonly LocalizedText Yes = new("да", "yes");
    public static readonly LocalizedText No = new("нет", "no");
    public static readonly LocalizedText Registrations = new("Регистрации на портале", "Registrations on the portal");
    public static readonly LocalizedText Kind = new("Тип", "Kind");
    public static readonly LocalizedText Name = new("Код / обработчик", "Code / handler");
    public static readonly LocalizedText State = new("Состояние", "State");
    public static readonly LocalizedText Ok = new("на месте", "in place");
    public static readonly LocalizedText Missing = new("нет на портале — переустановите приложение", "missing on the portal — reinstall the app");
    public static readonly LocalizedText Extra = new("лишняя — приложение её не объявляет", "extra — not declared by the app");
    public static readonly LocalizedText Problems = new("Не удалось прочитать с портала", "Could not read from the portal");
    public static readonly LocalizedText Refresh = new("Обновить", "Refresh");
    public static readonly LocalizedText ReadOnly = new(
        "Изменять настройки может только администратор портала. Вы видите страницу только для чтения.",
        "Only a portal administrator can change the settings. You see this page read-only.");
    public static readonly LocalizedText Nothing = new("Нет регистраций", "No registrations");

    public static LocalizedText For(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Ok => Ok,
        RegistrationStatus.Missing => Missing,
        _ => Extra,
    };

    /// <summary>The frame POST's <c>status</c> letters (sheet §1.1).</summary>
    public static LocalizedText AppStatus(string? code) => code switch
    {
        "L" => new("локальное", "local"),
        "F" => new("бесплатное", "free"),
        "D" => new("демо", "demo"),
        "T" => new("пробный период", "trial"),
        "P" => new("оплачено", "paid"),
        _ => new(code ?? "неизвестно", code ?? "unknown"),
    };
}
