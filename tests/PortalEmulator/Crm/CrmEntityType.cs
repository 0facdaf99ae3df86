namespace WineB24.PortalEmulator.Crm;

/// <summary>Lead, deal, contact or company: ids, names and standard fields.</summary>
public sealed record CrmEntityType(int Id, string Name, string ShortCode, IReadOnlyList<CrmField> Fields)
{
    /// <summary>lead, deal… as in <c>crm.lead.add</c> and <c>ENTITY_TYPE</c> of timeline comments.</summary>
    public string Lower => Name.ToLowerInvariant();

    /// <summary>ENTITY_ID of its user fields, e.g. <c>CRM_DEAL</c>.</summary>
    public string UserFieldEntity => "CRM_" + Name;

    public bool HasMultiFields => Fields.Any(f => f.IsMultiField);

    public CrmField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public static readonly CrmEntityType Lead = new(1, "LEAD", "L", [
        .. Common(),
        new("TITLE", "string", "Название лида"),
        new("NAME", "string", "Имя"),
        new("SECOND_NAME", "string", "Отчество"),
        new("LAST_NAME", "string", "Фамилия"),
        new("COMPANY_TITLE", "string", "Название компании"),
        new("STATUS_ID", "crm_status", "Стадия"),
        new("SOURCE_ID", "crm_status", "Источник"),
        new("OPPORTUNITY", "double", "Сумма"),
        new("CURRENCY_ID", "crm_currency", "Валюта"),
        new("COMPANY_ID", "crm_company", "Компания"),
        new("CONTACT_ID", "crm_contact", "Контакт"),
        .. MultiFields(),
    ]);

    public static readonly CrmEntityType Deal = new(2, "DEAL", "D", [
        .. Common(),
        new("TITLE", "string", "Название"),
        new("TYPE_ID", "crm_status", "Тип"),
        new("STAGE_ID", "crm_status", "Стадия сделки"),
        new("CATEGORY_ID", "crm_category", "Воронка"),
        new("PROBABILITY", "integer", "Вероятность"),
        new("OPPORTUNITY", "double", "Сумма"),
        new("IS_MANUAL_OPPORTUNITY", "char", "Сумма заполнена вручную"),
        new("CURRENCY_ID", "crm_currency", "Валюта"),
        new("COMPANY_ID", "crm_company", "Компания"),
        new("CONTACT_ID", "crm_contact", "Контакт"),
        new("CONTACT_IDS", "crm_contact", "Контакты", Multiple: true),
        new("BEGINDATE", "date", "Дата начала"),
        new("CLOSEDATE", "date", "Дата завершения"),
        new("CLOSED", "char", "Закрыта", ReadOnly: true),
        new("SOURCE_ID", "crm_status", "Источник"),
    ]);

    public static readonly CrmEntityType Contact = new(3, "CONTACT", "C", [
        .. Common(),
        new("NAME", "string", "Имя"),
        new("SECOND_NAME", "string", "Отчество"),
        new("LAST_NAME", "string", "Фамилия"),
        new("POST", "string", "Должность"),
        new("TYPE_ID", "crm_status", "Тип контакта"),
        new("SOURCE_ID", "crm_status", "Источник"),
        new("BIRTHDATE", "date", "Дата рождения"),
        new("COMPANY_ID", "crm_company", "Компания"),
        .. MultiFields(),
    ]);

    public static readonly CrmEntityType Company = new(4, "COMPANY", "CO", [
        .. Common(),
        new("TITLE", "string", "Название компании", Required: true),
        new("COMPANY_TYPE", "crm_status", "Тип компании"),
        new("INDUSTRY", "crm_status", "Сфера деятельности"),
        new("REVENUE", "double", "Годовой оборот"),
        new("CURRENCY_ID", "crm_currency", "Валюта"),
        .. MultiFields(),
    ]);

    public static readonly IReadOnlyList<CrmEntityType> All = [Lead, Deal, Contact, Company];

    public static CrmEntityType? ById(int id) => All.FirstOrDefault(t => t.Id == id);

    public static CrmEntityType? ByName(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<CrmField> Common() =>
    [
        new("ID", "integer", "ID", ReadOnly: true),
        new("ASSIGNED_BY_ID", "user", "Ответственный"),
        new("CREATED_BY_ID", "user", "Кем создан", ReadOnly: true),
        new("MODIFY_BY_ID", "user", "Кем изменён", ReadOnly: true),
        new("DATE_CREATE", "datetime", "Дата создания", ReadOnly: true),
        new("DATE_MODIFY", "datetime", "Дата изменения", ReadOnly: true),
        new("OPENED", "char", "Доступен для всех"),
        new("COMMENTS", "string", "Комментарий"),
        new("ORIGINATOR_ID", "string", "Внешний источник"),
        new("ORIGIN_ID", "string", "Идентификатор во внешнем источнике"),
    ];

    private static IEnumerable<CrmField> MultiFields() =>
    [
        new("PHONE", "crm_multifield", "Телефон", Multiple: true),
        new("EMAIL", "crm_multifield", "E-mail", Multiple: true),
        new("WEB", "crm_multifield", "Сайт", Multiple: true),
        new("IM", "crm_multifield", "Мессенджер", Multiple: true),
    ];
}
