using WineB24.Bitrix24Client.Apps;

namespace WineB24.Placements.Settings.OneCSync;

internal static class OneCSyncTexts
{
    public static readonly LocalizedText Heading = new("Синхронизация с 1С (OData)", "Sync with 1C (OData)");
    public static readonly LocalizedText Url = new("Адрес OData (…/odata/standard.odata/)", "OData address (…/odata/standard.odata/)");
    public static readonly LocalizedText Login = new("Пользователь 1С", "1C user");
    public static readonly LocalizedText Password = new("Пароль", "Password");
    public static readonly LocalizedText PasswordStored = new("сохранён; оставьте пустым, чтобы не менять", "stored; leave empty to keep it");
    public static readonly LocalizedText PasswordMissing = new("не задан", "not set");
    public static readonly LocalizedText Configuration = new("Конфигурация 1С", "1C configuration");
    public static readonly LocalizedText ReceivablesEvery = new("Дебиторка: каждые N минут (0 — выкл.)", "Receivables: every N minutes (0 = off)");
    public static readonly LocalizedText CounterpartiesEvery = new("Контрагенты: каждые N минут (0 — выкл.)", "Counterparties: every N minutes (0 = off)");
    public static readonly LocalizedText StockEvery = new("Остатки: каждые N минут (0 — выкл.)", "Stock: every N minutes (0 = off)");
    public static readonly LocalizedText Save = new("Сохранить", "Save");
    public static readonly LocalizedText Saved = new("Сохранено, расписание обновлено.", "Saved, the schedule is updated.");
    public static readonly LocalizedText Check = new("Проверить подключение", "Check connection");
    public static readonly LocalizedText Checking = new("Проверяем…", "Checking…");
    public static readonly LocalizedText NotConnected = new("Подключение к 1С по OData ещё не настроено.", "The 1C OData connection is not set up yet.");
    public static readonly LocalizedText ConfiguredOnServer = new(
        "Подключение задано в конфигурации сервера (OneC:OData:Portals) и меняется только там.",
        "The connection is set in the server configuration (OneC:OData:Portals) and can be changed only there.");
    public static readonly LocalizedText BadUrl = new(
        "Адрес OData должен быть полным адресом http(s)://…/odata/standard.odata/.",
        "The OData address must be a full http(s)://…/odata/standard.odata/ address.");
    public static readonly LocalizedText NoLogin = new("Укажите пользователя 1С.", "Enter the 1C user.");
    public static readonly LocalizedText NoPassword = new("Укажите пароль пользователя 1С.", "Enter the 1C user's password.");
    public static readonly LocalizedText BadConfiguration = new("Выберите конфигурацию 1С из списка.", "Choose the 1C configuration from the list.");
    public static readonly LocalizedText BadInterval = new(
        "Интервал — целое число минут от 5 до 1440 или 0, чтобы выключить.",
        "An interval is a whole number of minutes from 5 to 1440, or 0 to turn it off.");
    public static readonly LocalizedText CheckOk = new("1С ответила: подключение работает", "1C answered: the connection works");

    public static readonly LocalizedText StagesHeading = new("Статусы заказов 1С → стадии сделок", "1C order statuses → deal stages");
    public static readonly LocalizedText Status = new("Статус в 1С", "Status in 1C");
    public static readonly LocalizedText Stage = new("Стадия сделки", "Deal stage");
    public static readonly LocalizedText SendHeading = new("Отправлять сделку в 1С на стадиях", "Send the deal to 1C at the stages");
    public static readonly LocalizedText AddRow = new("Добавить статус", "Add a status");
    public static readonly LocalizedText SaveStages = new("Сохранить стадии", "Save stages");
    public static readonly LocalizedText StagesUnavailable = new("Не удалось прочитать стадии сделок портала", "Could not read the portal's deal stages");
    public static readonly LocalizedText UnknownStage = new("Такой стадии сделки на портале нет: ", "The portal has no such deal stage: ");
    public static readonly LocalizedText EmptyStatus = new("Статус 1С не может быть пустым.", "A 1C status cannot be empty.");

    public static readonly LocalizedText ReviewHeading = new("На проверке (не перенесено из 1С)", "For review (not taken from 1C)");
    public static readonly LocalizedText Reason = new("Причина", "Reason");
    public static readonly LocalizedText OneCId = new("Ид 1С", "1C id");
    public static readonly LocalizedText Name = new("Контрагент", "Counterparty");
    public static readonly LocalizedText FirstSeen = new("Впервые", "First seen");
    public static readonly LocalizedText LastSeen = new("Последний раз", "Last seen");
    public static readonly LocalizedText Dismiss = new("Убрать", "Dismiss");
    public static readonly LocalizedText Retry = new("Повторить", "Retry");
    public static readonly LocalizedText ReviewEmpty = new("Ничего не ждёт проверки.", "Nothing waits for review.");
    public static readonly LocalizedText NotInReview = new("Этой записи уже нет в списке.", "This item is no longer in the list.");
    public static readonly LocalizedText RetryNotSupported = new(
        "Повторить можно только контрагента; заказ придёт снова со следующим обменом.",
        "Only a counterparty can be retried; an order comes again with the next exchange.");
    public static readonly LocalizedText Retried = new("Перенесено в Bitrix24.", "Taken into Bitrix24.");
    public static readonly LocalizedText StillInReview = new("Всё ещё не переносится: ", "Still not taken: ");
    public static readonly LocalizedText Failed = new("Не получилось", "Failed");

    public static LocalizedText ConfigurationName(string configuration) => configuration switch
    {
        "Ut11" => new("1С:Управление торговлей 11", "1C:Trade Management 11"),
        "Ka2" => new("1С:Комплексная автоматизация 2", "1C:Integrated Automation 2"),
        "Erp" => new("1С:ERP Управление предприятием 2", "1C:ERP 2"),
        "Unf" => new("1С:Управление нашей фирмой", "1C:Small Business Management (УНФ)"),
        "Bp30" => new("1С:Бухгалтерия предприятия 3.0", "1C:Accounting 3.0"),
        _ => new(configuration, configuration),
    };
}
