namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>One typed item read from a CommerceML document; the reader yields them in document order.</summary>
public abstract record CommerceMLRecord;

/// <summary>The root: <c>ВерсияСхемы</c> and <c>ДатаФормирования</c> (both optional in real files).</summary>
public sealed record DocumentInfo(string? SchemaVersion, DateTime? GeneratedAt) : CommerceMLRecord;

/// <summary>Start of <c>Каталог</c>. <see cref="OnlyChanges"/> false means a full snapshot.</summary>
public sealed record CatalogStarted(bool OnlyChanges) : CommerceMLRecord;

/// <summary>Start of <c>ПакетПредложений</c>, or of the 2.09 light delta <c>ИзмененияПакетаПредложений</c>.</summary>
public sealed record OffersPackageStarted(bool OnlyChanges, bool IsChangesPackage) : CommerceMLRecord;

/// <summary>A <c>Классификатор/Группы</c> node, flattened: the tree is kept through <see cref="ParentId"/>.</summary>
public sealed record ProductGroup(OneCId Id, string Name, OneCId? ParentId, bool DeletionMark) : CommerceMLRecord;

public sealed record PropertyOption(string ValueId, string Value);

/// <summary>A <c>Свойство</c>: wine colour, grape, country, vintage … are ordinary properties.</summary>
public sealed record PropertyDefinition(
    OneCId Id,
    string Name,
    string? ValueType,
    IReadOnlyList<PropertyOption> Options,
    bool? ForProducts,
    bool? ForOffers,
    bool DeletionMark) : CommerceMLRecord
{
    /// <summary><c>Справочник</c> values arrive as an option id (<c>ИдЗначения</c>); this resolves it to the text.</summary>
    public string? ResolveOption(string valueOrId) =>
        Options.FirstOrDefault(o => string.Equals(o.ValueId, valueOrId, StringComparison.OrdinalIgnoreCase))?.Value;
}

public sealed record PriceType(OneCId Id, string Name, string? Currency, bool DeletionMark) : CommerceMLRecord;

public sealed record Warehouse(OneCId Id, string Name, string? Address, bool DeletionMark) : CommerceMLRecord;

public sealed record MeasureUnit(string? Id, string? Code, string? ShortName, string? FullName, string? InternationalAbbreviation)
    : CommerceMLRecord;

public sealed record ProductCategory(OneCId Id, string Name) : CommerceMLRecord;

/// <summary><c>БазоваяЕдиница</c>: attributes <c>Код</c> (e.g. 796) and <c>МеждународноеСокращение</c> (PCE), text <c>шт</c>.</summary>
public sealed record BaseUnit(string? Code, string? InternationalAbbreviation, string? FullName, string? Text);

/// <summary>A <c>ЗначенияСвойства</c>: a property id and its values (several for multi-valued properties).</summary>
public sealed record PropertyValue(string PropertyId, IReadOnlyList<string> Values);

/// <summary>A <c>ЗначениеРеквизита</c> or <c>ХарактеристикаТовара</c>: name/value pair.</summary>
public sealed record NamedValue(string Name, string? Value);

public sealed record TaxRate(string Name, string? Rate);

/// <summary><c>Каталог/Товары/Товар</c>.</summary>
public sealed record Product(
    OneCId Id,
    string? Article,
    string? Code,
    string? Barcode,
    string Name,
    string? Description,
    BaseUnit? BaseUnit,
    IReadOnlyList<string> GroupIds,
    string? CategoryId,
    IReadOnlyList<PropertyValue> Properties,
    IReadOnlyList<NamedValue> Requisites,
    IReadOnlyList<TaxRate> TaxRates,
    IReadOnlyList<NamedValue> Characteristics,
    IReadOnlyList<string> Pictures,
    string? Status,
    bool DeletionMark,
    string? Version) : CommerceMLRecord
{
    /// <summary><c>Статус</c> = <c>Удален</c> (any case) or <c>ПометкаУдаления</c> = true.</summary>
    public bool IsDeleted => DeletionMark || string.Equals(Status, "удален", StringComparison.OrdinalIgnoreCase);

    public string? Requisite(string name) => Requisites.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}

/// <summary>A <c>Цена</c>: <c>Представление</c> is display text and deliberately not read.</summary>
public sealed record OfferPrice(string PriceTypeId, decimal PricePerUnit, string? Currency, string? Unit, decimal? Coefficient);

public sealed record WarehouseStock(string WarehouseId, decimal Quantity);

/// <summary>
/// <c>Предложение</c>. Stock arrives in four shapes (plain <c>Количество</c>, <c>Склад</c> attributes, 3.x
/// <c>Остатки/Остаток/Склад</c>, <c>Остатки/Остаток/Количество</c>); all end up in <see cref="TotalQuantity"/> and
/// <see cref="Stocks"/>. <see cref="HasPrices"/>/<see cref="HasStock"/> tell a 3.x split file's missing data from zero.
/// </summary>
public sealed record Offer(
    OneCId Id,
    string? Name,
    string? Article,
    BaseUnit? BaseUnit,
    IReadOnlyList<OfferPrice> Prices,
    bool HasPrices,
    decimal? TotalQuantity,
    IReadOnlyList<WarehouseStock> Stocks,
    bool HasStock,
    IReadOnlyList<PropertyValue> Properties,
    IReadOnlyList<NamedValue> Characteristics,
    string? Status,
    bool DeletionMark) : CommerceMLRecord
{
    public bool IsDeleted => DeletionMark || string.Equals(Status, "удален", StringComparison.OrdinalIgnoreCase);
}

public sealed record Contact(string Type, string Value);

/// <summary>One <c>АдресноеПоле</c> of an address: <c>Тип</c> (Почтовый индекс, Страна, Регион, Район, Город, Населенный пункт, Улица, Дом, Корпус, Квартира …) and its <c>Значение</c>.</summary>
public sealed record AddressField(string Type, string Value);

/// <summary>A <c>Контрагент</c> inside a document or in a standalone 3.x <c>Контрагенты</c> block.</summary>
public sealed record Counterparty(
    OneCId? Id,
    string? Name,
    string? FullName,
    string? OfficialName,
    string? Role,
    string? Inn,
    string? Kpp,
    string? Okpo,
    string? LastName,
    string? FirstName,
    string? MiddleName,
    string? LegalAddress,
    string? RegistrationAddress,
    IReadOnlyList<Contact> Contacts,
    bool DeletionMark) : CommerceMLRecord
{
    /// <summary>The <c>АдресноеПоле</c> parts of <c>ЮридическийАдрес</c> (empty when 1C sent only the <c>Представление</c>).</summary>
    public IReadOnlyList<AddressField> LegalAddressFields { get; init; } = [];

    /// <summary>The parts of the address <see cref="RegistrationAddress"/> came from (<c>АдресРегистрации</c>, else <c>Адрес</c>).</summary>
    public IReadOnlyList<AddressField> RegistrationAddressFields { get; init; } = [];

    public bool IsPerson => LastName is not null || FirstName is not null;

    /// <summary>The seller's own card in a document (<c>Роль</c> Продавец): never a client to import or check.</summary>
    public bool IsSeller => string.Equals(Role?.Trim(), "Продавец", StringComparison.OrdinalIgnoreCase);

    public string DisplayName => OfficialName ?? FullName ?? Name ?? string.Join(' ', new[] { LastName, FirstName, MiddleName }.Where(s => s is not null));
}

public sealed record OrderLine(
    OneCId? Id,
    string? Article,
    string? Name,
    string? Unit,
    decimal? PricePerUnit,
    decimal? Quantity,
    decimal? Sum,
    decimal? Coefficient,
    IReadOnlyList<NamedValue> Requisites)
{
    public string? Requisite(string name) => Requisites.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}

/// <summary>A <c>Документ</c> (order, payment or shipment), at root or inside a 3.x <c>Контейнер</c>.</summary>
public sealed record OrderDocument(
    OneCId? Id,
    string? Number,
    DateTime? Date,
    string? BusinessOperation,
    string? Role,
    string? Currency,
    decimal? Rate,
    decimal? Sum,
    string? Comment,
    string? Number1C,
    DateTime? Date1C,
    string? BaseDocumentId,
    IReadOnlyList<Counterparty> Counterparties,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<NamedValue> Requisites,
    bool DeletionMark) : CommerceMLRecord
{
    public string? Requisite(string name) => Requisites.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>Payment, shipment and status facts as 1C writes them (УТ 11.5, УНФ 3.0, Bitrix).</summary>
    public OrderState State => OrderState.From(this);
}
