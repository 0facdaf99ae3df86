using System.Globalization;
using WineB24.Bitrix24Client.Apps;
using WineB24.OneCConnector.CommerceML.Journal;

namespace WineB24.Placements.Settings.OneCExchange;

internal static class OneCExchangeTexts
{
    public static readonly LocalizedText Heading = new("Обмен с 1С", "Exchange with 1C");
    public static readonly LocalizedText Url = new("Адрес обмена (укажите в узле обмена 1С)", "Exchange address (enter it in 1C's exchange node)");
    public static readonly LocalizedText UrlMissing = new("не задан: администратор сервера должен указать App:PublicUrl", "not set: the server administrator must set App:PublicUrl");
    public static readonly LocalizedText Login = new("Логин", "Login");
    public static readonly LocalizedText NoLogin = new("ещё не создан", "not created yet");
    public static readonly LocalizedText LoginHidden = new("виден только администратору", "visible to administrators only");
    public static readonly LocalizedText Password = new("Пароль", "Password");
    public static readonly LocalizedText PasswordHint = new(
        "Хранится только в виде хеша и показывается один раз — сразу после создания.",
        "Kept only as a hash and shown once, right after it is generated.");
    public static readonly LocalizedText ShownOnce = new(
        "Скопируйте пароль сейчас и введите его в 1С: больше он показан не будет.",
        "Copy the password now and enter it in 1C: it will not be shown again.");
    public static readonly LocalizedText Generate = new("Создать логин и пароль", "Generate login and password");
    public static readonly LocalizedText Rotate = new("Сменить пароль", "Change password");
    public static readonly LocalizedText RotateConfirm = new(
        "После смены пароля 1С не сможет выгружать данные, пока в ней не введут новый пароль. Сменить?",
        "After the change 1C cannot exchange until the new password is entered there. Change it?");
    public static readonly LocalizedText Revoke = new("Отозвать доступ 1С", "Revoke 1C access");
    public static readonly LocalizedText RevokeConfirm = new(
        "1С больше не сможет подключаться с этим логином. Отозвать?",
        "1C will no longer be able to connect with this login. Revoke?");
    public static readonly LocalizedText Revoked = new("доступ отозван", "access revoked");
    public static readonly LocalizedText ConfiguredOnServer = new(
        "Логин и пароль заданы в конфигурации сервера (OneC:Portals); меняются только там.",
        "The login and password are set in the server configuration (OneC:Portals) and can be changed only there.");
    public static readonly LocalizedText LastSuccess = new("Последний успешный обмен", "Last successful exchange");
    public static LocalizedText NoSuccess(bool anySession) => anySession
        ? new("успешных обменов ещё не было", "no successful exchange yet")
        : new("обменов ещё не было", "no exchange yet");
    public static readonly LocalizedText FailedFiles = new("Файлы с ошибками загрузки", "Files that failed to import");
    public static readonly LocalizedText NoFailedFiles = new("нет", "none");
    public static readonly LocalizedText FailedAt = new("Когда", "When");
    public static readonly LocalizedText File = new("Файл", "File");
    public static readonly LocalizedText Reason = new("Причина", "Reason");
    public static readonly LocalizedText Attempts = new("Повторов", "Replays");
    public static readonly LocalizedText Replay = new("Загрузить повторно", "Replay");
    public static readonly LocalizedText ReplayMark = new("повторная загрузка", "replay");
    public static readonly LocalizedText ReplayConfirm = new(
        "Файл будет загружен заново с текущими справочниками (склады, типы цен). Продолжить?",
        "The file will be imported again against the current classifier (warehouses, price types). Continue?");
    public static readonly LocalizedText ReplayForceConfirm = new(
        "После этого файла 1С уже передала более новый файл того же вида. Повторная загрузка вернёт более старые данные. Всё равно загрузить?",
        "1C has since delivered a newer file of the same kind. Replaying would bring older data back. Replay anyway?");
    public static readonly LocalizedText NotKept = new("копия не сохранена (лимит хранения) — выгрузите из 1С заново",
        "copy not kept (storage limit): export it from 1C again");

    public static LocalizedText FailedStatusOf(string status) => status switch
    {
        OneCConnector.CommerceML.Journal.FailedFiles.Failed => new("ошибка", "failed"),
        OneCConnector.CommerceML.Journal.FailedFiles.Replaying => new("загружается повторно", "replaying"),
        OneCConnector.CommerceML.Journal.FailedFiles.Resolved => new("загружен", "resolved"),
        _ => new(status, status),
    };

    public static LocalizedText ReplayOutcome(ReplayStatus status, string? detail) => status switch
    {
        ReplayStatus.Imported => new("Файл загружен.", "The file was imported."),
        ReplayStatus.Failed => new($"Файл снова не загружен: {detail}", $"The file failed again: {detail}"),
        ReplayStatus.NotFound => new("Файл не найден.", "File not found."),
        ReplayStatus.NotKept => new("Копия файла не сохранена (лимит хранения): выгрузите данные из 1С заново.",
            "The file's copy was not kept (storage limit): export the data from 1C again."),
        ReplayStatus.AlreadyResolved => new("Файл уже загружен.", "The file has already been imported."),
        ReplayStatus.InProgress => new("Файл уже загружается повторно.", "The file is already being replayed."),
        ReplayStatus.Superseded => new($"После этого файла 1С передала более новый файл «{detail}»; повторная загрузка вернула бы старые данные.",
            $"1C has since delivered the newer file \"{detail}\"; replaying would bring older data back."),
        _ => new(status.ToString(), status.ToString()),
    };
    public static readonly LocalizedText Journal = new("Журнал обмена", "Exchange journal");
    public static readonly LocalizedText Started = new("Начало", "Started");
    public static readonly LocalizedText Kind = new("Тип", "Type");
    public static readonly LocalizedText Status = new("Итог", "Outcome");
    public static readonly LocalizedText Duration = new("Длительность", "Duration");
    public static readonly LocalizedText Files = new("Файлы", "Files");
    public static readonly LocalizedText Loaded = new("Загружено", "Loaded");
    public static readonly LocalizedText Errors = new("Ошибки", "Errors");
    public static readonly LocalizedText InBitrix24 = new("В Битрикс24", "In Bitrix24");
    public static readonly LocalizedText Bitrix24Behind = new("Битрикс24 отстаёт от 1С", "Bitrix24 behind 1C");
    public static readonly LocalizedText Bitrix24UpToDate = new("нет, всё полученное из 1С записано", "no, everything received from 1C is written");

    /// <summary>"записано через 40 с" / "ожидает записи 12 мин" for a session's delivery into Bitrix24.</summary>
    public static string Delivery(OneCBitrix24Delivery? d, string lang) => d switch
    {
        null => "—",
        { Waiting: true } => lang == "ru" ? $"ожидает записи {Span(d.Seconds, lang)}" : $"waiting {Span(d.Seconds, lang)}",
        _ => lang == "ru" ? $"записано через {Span(d.Seconds, lang)}" : $"written after {Span(d.Seconds, lang)}",
    };
    public static readonly LocalizedText NoSessions = new("1С ещё не подключалась", "1C has not connected yet");
    public static readonly LocalizedText Failed = new("Не удалось выполнить действие", "The action failed");

    public static LocalizedText StatusOf(string status) => status switch
    {
        ExchangeJournal.Running => new("идёт", "running"),
        ExchangeJournal.Succeeded => new("успешно", "succeeded"),
        ExchangeJournal.Completed => new("завершён", "completed"),
        ExchangeJournal.Failed => new("ошибка", "failed"),
        _ => new(status, status),
    };

    /// <summary>"3 ч 5 мин" / "3 h 5 min": the two largest units, enough to judge a delay.</summary>
    public static string Span(long seconds, string lang)
    {
        var ru = lang == "ru";
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        string N(double n) => ((long)n).ToString(CultureInfo.InvariantCulture);
        if (t.TotalDays >= 1) return ru ? $"{N(t.TotalDays)} дн {t.Hours} ч" : $"{N(t.TotalDays)} d {t.Hours} h";
        if (t.TotalHours >= 1) return ru ? $"{N(t.TotalHours)} ч {t.Minutes} мин" : $"{N(t.TotalHours)} h {t.Minutes} min";
        if (t.TotalMinutes >= 1) return ru ? $"{N(t.TotalMinutes)} мин {t.Seconds} с" : $"{N(t.TotalMinutes)} min {t.Seconds} s";
        return ru ? $"{t.Seconds} с" : $"{t.Seconds} s";
    }

    public static string Ago(long seconds, string lang) => lang == "ru" ? Span(seconds, lang) + " назад" : Span(seconds, lang) + " ago";

    /// <summary>The non-zero counts of a session, e.g. "товары 120, цены 118; изменений 40".</summary>
    public static string Counts(OneCJournalEntry e, string lang)
    {
        var ru = lang == "ru";
        var parts = new (int N, string Ru, string En)[]
        {
            (e.Products, "товары", "products"), (e.Offers, "предложения", "offers"), (e.Prices, "цены", "prices"),
            (e.Stocks, "остатки", "stocks"), (e.Documents, "документы", "documents"), (e.Counterparties, "контрагенты", "counterparties"),
        }.Where(p => p.N > 0).Select(p => $"{(ru ? p.Ru : p.En)} {p.N.ToString(CultureInfo.InvariantCulture)}").ToList();
        var text = parts.Count == 0 ? "—" : string.Join(", ", parts);
        return text + (ru ? $"; изменений {e.Changes}" : $"; changes {e.Changes}");
    }
}
