using System.Globalization;
using System.Text.Json.Nodes;

namespace WineB24.OneCEmulator.OData;

/// <summary>What the generator knows a counterparty owes, computed from its documents, not from the registers.</summary>
public sealed record ExpectedReceivable(string CounterpartyKey, decimal Debt, decimal Overdue, DateOnly? OverdueSince, decimal? CreditLimit);

/// <summary>
/// How the configuration keeps a counterparty's legal form (sheet §4.1): УТ 11.5 / КА / ERP in <c>ЮрФизЛицо</c>
/// (ЮрЛицо, ФизЛицо, ИндивидуальныйПредприниматель, ЮрЛицоНеРезидент); БП 3.0 and УНФ 3.0 in
/// <c>ЮридическоеФизическоеЛицо</c> (ЮридическоеЛицо / ФизическоеЛицо — an ИП is a ФизическоеЛицо with a 12-digit ИНН),
/// where <c>ЮрФизЛицо</c> does not exist (БП renamed it <c>УдалитьЮрФизЛицо</c>).
/// </summary>
public enum CounterpartyShape
{
    Trade,
    Accounting,
    SmallBusiness,
}

/// <summary>A generated counterparty as the test sees it.</summary>
public sealed record GeneratedCounterparty(string RefKey, string Name, string Inn, string Kpp, bool IsEntrepreneur, bool DeletionMark);

/// <summary>
/// Generates a wine distributor's infobase with the names of УТ 11.5 / КА 2 / ERP (Catalog_Контрагенты, Catalog_Партнеры,
/// Catalog_ДоговорыКонтрагентов, Catalog_КлючиАналитикиУчетаПоПартнерам, AccumulationRegister_РасчетыСКлиентамиПоСрокам),
/// УНФ 3.0 (AccumulationRegister_РасчетыСПокупателями) and БП 3.0 (ChartOfAccounts_Хозрасчетный,
/// AccountingRegister_Хозрасчетный on 62.01/62.02) — all three registers carry the same shipments, payments and
/// prepayments, so every preset must arrive at the same <see cref="Expected"/>.
/// </summary>
public sealed class TradeInfobase
{
    public const string EmptyRef = "00000000-0000-0000-0000-000000000000";
    public const string EmptyDate = "0001-01-01T00:00:00";
    public const string Account6201 = "62.01";
    public const string Account6202 = "62.02";

    private static readonly string[] Names =
    [
        "Винный погреб", "Ресторан «Белуга»", "Гастробар «Шато»", "Энотека «Бордо»", "Кафе «Терруар»", "Сомелье-клуб",
        "Торговый дом «Лоза»", "Бутик «Кьянти»", "Ресторан «Пино»", "Винотека «Риоха»", "Бар «Мерло»", "Сеть «Вкусвилл-Вино»",
    ];

    private readonly Random _random;
    private readonly DateTime _asOf;
    private readonly Dictionary<string, (decimal Debt, decimal Overdue, DateOnly? Since, decimal? Limit)> _truth = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Overdue, DateOnly? Since)> _fifo = new(StringComparer.Ordinal);
    private int _shipments;

    private TradeInfobase(int seed, DateTime asOf, CounterpartyShape shape)
    {
        _random = new Random(seed);
        _asOf = asOf;
        Shape = shape;
        Infobase = new Infobase();
        Counterparties = Infobase.AddSet("Catalog_Контрагенты", "Ref_Key", "DataVersion", "DeletionMark", "Parent_Key", "IsFolder", "Code",
            "Description", "НаименованиеПолное", "ИНН", "КПП", LegalFormField, "Партнер_Key", "РегистрационныйНомер",
            "КонтактнаяИнформация", "Predefined", "PredefinedDataName");
        Partners = Infobase.AddSet("Catalog_Партнеры", "Ref_Key", "DataVersion", "DeletionMark", "Parent_Key", "IsFolder", "Code",
            "Description", "НаименованиеПолное", "ЮрФизЛицо", "Клиент", "Predefined", "PredefinedDataName");
        Contracts = Infobase.AddSet("Catalog_ДоговорыКонтрагентов", [
            "Ref_Key", "DataVersion", "DeletionMark", "Description", "Организация_Key", "Predefined", "PredefinedDataName",
            .. ContractFields]);
        SalesDocuments = Infobase.AddSet("Document_РеализацияТоваровУслуг", "Ref_Key", "DataVersion", "DeletionMark", "Number", "Date",
            "Posted", "Организация_Key", "Контрагент_Key", "ДоговорКонтрагента_Key", "СуммаДокумента");
        DeliveryNotes = Infobase.AddSet("Document_РасходнаяНакладная", "Ref_Key", "DataVersion", "DeletionMark", "Number", "Date",
            "Posted", "Организация_Key", "Контрагент_Key", "Договор_Key", "СуммаДокумента");
        AnalyticsKeys = Infobase.AddSet("Catalog_КлючиАналитикиУчетаПоПартнерам", "Ref_Key", "DataVersion", "DeletionMark",
            "Description", "Партнер_Key", "Контрагент_Key", "Договор_Key", "Организация_Key", "Predefined", "PredefinedDataName");
        Accounts = Infobase.AddSet("ChartOfAccounts_Хозрасчетный", "Ref_Key", "DataVersion", "DeletionMark", "Code", "Description",
            "Parent_Key", "Predefined", "PredefinedDataName");
        ByTerms = Infobase.AddRegister("AccumulationRegister_РасчетыСКлиентамиПоСрокам",
            ["АналитикаУчетаПоПартнерам_Key", "ОбъектРасчетов_Key", "Валюта_Key", "РасчетныйДокумент", "РасчетныйДокумент_Type",
             "ДатаПлановогоПогашения", "ДатаВозникновения"],
            ["Долг", "Предоплата", "ДолгУпр", "ПредоплатаУпр"]);
        Unf = Infobase.AddRegister("AccumulationRegister_РасчетыСПокупателями",
            ["Организация_Key", "ТипРасчетов", "Контрагент_Key", "Договор_Key", "Документ", "Документ_Type", "Заказ", "Заказ_Type"],
            ["Сумма", "СуммаВал"]);
        Warehouses = Infobase.AddSet("Catalog_Склады", "Ref_Key", "DataVersion", "DeletionMark", "Parent_Key", "IsFolder", "Code", "Description",
            "Predefined", "PredefinedDataName");
        Units = Infobase.AddSet("Catalog_СтруктурныеЕдиницы", "Ref_Key", "DataVersion", "DeletionMark", "Code", "Description", "ТипСтруктурнойЕдиницы",
            "Predefined", "PredefinedDataName");
        GoodsInStock = Infobase.AddRegister("AccumulationRegister_ТоварыНаСкладах",
            ["Номенклатура_Key", "Характеристика_Key", "Назначение_Key", "Склад_Key", "Помещение_Key", "Серия_Key"], ["ВНаличии", "КОтгрузке"]);
        UnfStock = Infobase.AddRegister("AccumulationRegister_ЗапасыНаСкладах",
            ["Организация_Key", "Номенклатура_Key", "Характеристика_Key", "Партия_Key", "СтруктурнаяЕдиница_Key", "Ячейка_Key"], ["Количество"]);
        Ledger = Infobase.AddRegister("AccountingRegister_Хозрасчетный",
            ["Account_Key", "Организация_Key", "Валюта_Key", "ExtDimension1", "ExtDimension1_Type", "ExtDimension2", "ExtDimension2_Type"],
            ["Сумма", "ВалютнаяСумма"]);
    }

    public Infobase Infobase { get; }
    public CounterpartyShape Shape { get; }

    /// <summary>
    /// Contract attributes per configuration: УТ 11.5 has no owner (Контрагент_Key, Партнер_Key; term СрокОплаты; limit
    /// ОграничиватьСуммуЗадолженности + ДопустимаяСуммаЗадолженности [U]); УНФ is owned by the counterparty and keeps the
    /// customer's term in СрокОплатыПокупателя; БП 3.0 is owned too, with УстановленСрокОплаты + СрокОплаты and ВидДоговора.
    /// Integer attributes travel as JSON strings ("СрокОплаты": "0"), as 1C writes Edm.Int64.
    /// </summary>
    private string[] ContractFields => Shape switch
    {
        CounterpartyShape.SmallBusiness => ["Owner_Key", "Номер", "Дата", "ВидДоговора", "СрокОплатыПокупателя"],
        CounterpartyShape.Accounting => ["Owner_Key", "Номер", "Дата", "ВидДоговора", "УстановленСрокОплаты", "СрокОплаты", "СрокДействия"],
        _ => ["Номер", "Дата", "Контрагент_Key", "Партнер_Key", "ТипДоговора", "Статус", "СрокОплаты",
            "ОграничиватьСуммуЗадолженности", "ДопустимаяСуммаЗадолженности", "ДатаНачалаДействия", "ДатаОкончанияДействия"],
    };

    private string LegalFormField => Shape == CounterpartyShape.Trade ? "ЮрФизЛицо" : "ЮридическоеФизическоеЛицо";

    private string LegalForm(bool entrepreneur) => Shape == CounterpartyShape.Trade
        ? entrepreneur ? "ИндивидуальныйПредприниматель" : "ЮрЛицо"
        : entrepreneur ? "ФизическоеЛицо" : "ЮридическоеЛицо";
    public EntitySet Counterparties { get; }
    public EntitySet Partners { get; }
    public EntitySet Contracts { get; }
    /// <summary>БП / УТ shipments (<c>Document_РеализацияТоваровУслуг</c>).</summary>
    public EntitySet SalesDocuments { get; }
    /// <summary>УНФ shipments (<c>Document_РасходнаяНакладная</c>), the documents of its settlement register.</summary>
    public EntitySet DeliveryNotes { get; }
    public EntitySet AnalyticsKeys { get; }
    public EntitySet Accounts { get; }
    public Register ByTerms { get; }
    public Register Unf { get; }
    public Register Ledger { get; }
    public EntitySet Warehouses { get; }
    public EntitySet Units { get; }
    public Register GoodsInStock { get; }
    public Register UnfStock { get; }

    /// <summary>Stock on hand per offer id (<c>product</c> or <c>product#characteristic</c>, as CommerceML names offers) and warehouse.</summary>
    public Dictionary<(string Offer, string Warehouse), decimal> ExpectedStock { get; } = [];
    public Dictionary<string, string> WarehouseNames { get; } = new(StringComparer.Ordinal);
    public string Organisation { get; private set; } = EmptyRef;
    public string Rouble { get; private set; } = EmptyRef;
    public Dictionary<string, string> AccountKeys { get; } = new(StringComparer.Ordinal);
    public List<GeneratedCounterparty> Generated { get; } = [];

    /// <summary>Per counterparty with anything on its account: debt net of prepayments, overdue part, oldest due date, credit limit.</summary>
    public IReadOnlyDictionary<string, ExpectedReceivable> Expected =>
        _truth.Where(kv => kv.Value.Debt != 0 || kv.Value.Overdue != 0)
            .ToDictionary(kv => kv.Key, kv => new ExpectedReceivable(kv.Key, kv.Value.Debt, kv.Value.Overdue, kv.Value.Since, kv.Value.Limit));

    /// <summary>
    /// Overdue as a reader that knows only each contract's debt and its shipments computes it (БП 3.0: account 62.01 has
    /// no due dates): the contract's debt is the newest shipments' (payments settle the oldest first); the part of it
    /// lying on shipments whose date + term is before today is overdue. Differs from <see cref="Expected"/> where a customer
    /// paid a newer shipment before an older one.
    /// </summary>
    public IReadOnlyDictionary<string, (decimal Overdue, DateOnly? Since)> ExpectedFifo => _fifo;

    /// <summary>Credit limits per counterparty (sum of limited contracts), also for those without debt.</summary>
    public decimal? LimitOf(string counterpartyKey) => _truth.TryGetValue(counterpartyKey, out var t) ? t.Limit : null;

    public static TradeInfobase Generate(int seed, int counterparties, DateTime asOf, CounterpartyShape shape = CounterpartyShape.Trade)
    {
        var trade = new TradeInfobase(seed, asOf, shape);
        trade.Fill(counterparties);
        return trade;
    }

    private string NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private void Fill(int count)
    {
        Organisation = NewGuid();
        Rouble = NewGuid();
        foreach (var (code, name) in new[] { ("41.01", "Товары на складах"), ("60.01", "Расчеты с поставщиками"), (Account6201, "Расчеты с покупателями"), (Account6202, "Расчеты по авансам полученным") })
        {
            var key = NewGuid();
            AccountKeys[code] = key;
            Accounts.Add(new JsonObject
            {
                ["Ref_Key"] = key, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false, ["Code"] = code, ["Description"] = name,
                ["Parent_Key"] = EmptyRef, ["Predefined"] = true, ["PredefinedDataName"] = "",
            });
        }
        var folders = new[] { "Покупатели HoReCa", "Розничные сети", "Поставщики" }.Select(name =>
        {
            var key = NewGuid();
            Counterparties.Add(new JsonObject
            {
                ["Ref_Key"] = key, ["DataVersion"] = "AAAAAgAAAAA=", ["DeletionMark"] = false, ["Parent_Key"] = EmptyRef, ["IsFolder"] = true,
                ["Code"] = "", ["Description"] = name, ["Predefined"] = false, ["PredefinedDataName"] = "",
            });
            return key;
        }).ToArray();

        FillStock(products: 60);
        string? lastInn = null;
        for (var i = 0; i < count; i++)
        {
            var entrepreneur = _random.NextDouble() < 0.15;
            // Every tenth organisation is a branch of the previous one: same ИНН, own КПП (sheet §3.7).
            var branch = !entrepreneur && lastInn is not null && i % 10 == 9;
            var inn = branch ? lastInn! : entrepreneur ? TaxIds.EntrepreneurInn(_random) : TaxIds.OrganisationInn(_random);
            var kpp = entrepreneur ? "" : TaxIds.Kpp(inn, _random, branch);
            if (!entrepreneur) lastInn = inn;
            var name = entrepreneur
                ? $"ИП {Surname()} {Letter()}.{Letter()}."
                : $"ООО «{Names[_random.Next(Names.Length)]} {i + 1}»";
            var deletion = _random.NextDouble() < 0.02;
            var refKey = NewGuid();
            var partner = NewGuid();
            Partners.Add(new JsonObject
            {
                ["Ref_Key"] = partner, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = deletion, ["Parent_Key"] = EmptyRef,
                ["IsFolder"] = false, ["Code"] = $"00-{i + 1:000000}", ["Description"] = name, ["НаименованиеПолное"] = name,
                ["ЮрФизЛицо"] = entrepreneur ? "ЧастноеЛицо" : "Компания", ["Клиент"] = true, ["Predefined"] = false, ["PredefinedDataName"] = "",
            });
            var phone = $"+7 ({_random.Next(900, 999)}) {_random.Next(100, 999)}-{_random.Next(10, 99)}-{_random.Next(10, 99)}";
            Counterparties.Add(new JsonObject
            {
                ["Ref_Key"] = refKey, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = deletion,
                ["Parent_Key"] = folders[_random.Next(2)], ["IsFolder"] = false, ["Code"] = $"00-{i + 1:000000}",
                ["Description"] = name, ["НаименованиеПолное"] = entrepreneur ? "Индивидуальный предприниматель " + name[3..] : name.Replace("ООО", "Общество с ограниченной ответственностью"),
                ["ИНН"] = inn, ["КПП"] = kpp, [LegalFormField] = LegalForm(entrepreneur),
                ["Партнер_Key"] = partner, ["РегистрационныйНомер"] = "",
                ["КонтактнаяИнформация"] = new JsonArray(
                    new JsonObject { ["LineNumber"] = "1", ["Тип"] = "Адрес", ["Вид_Key"] = EmptyRef, ["Представление"] = $"г. Москва, ул. Виноградная, д. {i + 1}" },
                    new JsonObject { ["LineNumber"] = "2", ["Тип"] = "Телефон", ["Вид_Key"] = EmptyRef, ["Представление"] = phone },
                    new JsonObject { ["LineNumber"] = "3", ["Тип"] = "АдресЭлектроннойПочты", ["Вид_Key"] = EmptyRef, ["Представление"] = $"buh{i + 1}@vino{i + 1}.ru" }),
                ["Predefined"] = false, ["PredefinedDataName"] = "",
            });
            Generated.Add(new GeneratedCounterparty(refKey, name, inn, kpp, entrepreneur, deletion));
            if (!deletion) Trade(refKey, partner, i);
        }
    }

    private void Trade(string counterparty, string partner, int index)
    {
        decimal? limit = null;
        var contracts = _random.Next(1, 3);
        var debt = 0m;
        var overdue = 0m;
        DateOnly? since = null;
        for (var c = 0; c < contracts; c++)
        {
            var contract = NewGuid();
            var term = new[] { 7, 14, 30, 45 }[_random.Next(4)];
            var limited = _random.NextDouble() < 0.5;
            var allowed = limited ? _random.Next(1, 40) * 50_000m : 0m;
            if (limited) limit = (limit ?? 0) + allowed;
            var signed = _asOf.AddDays(-_random.Next(200, 900)).Date;
            var row = new JsonObject
            {
                ["Ref_Key"] = contract, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false,
                ["Description"] = $"Договор поставки № {index + 1}/{c + 1}", ["Номер"] = $"{index + 1}/{c + 1}", ["Дата"] = Register.Date(signed),
                ["Организация_Key"] = Organisation, ["Predefined"] = false, ["PredefinedDataName"] = "",
            };
            var termText = term.ToString(CultureInfo.InvariantCulture);
            switch (Shape)
            {
                case CounterpartyShape.SmallBusiness:
                    row["Owner_Key"] = counterparty; row["ВидДоговора"] = "СПокупателем"; row["СрокОплатыПокупателя"] = termText;
                    break;
                case CounterpartyShape.Accounting:
                    row["Owner_Key"] = counterparty; row["ВидДоговора"] = "СПокупателем"; row["УстановленСрокОплаты"] = true;
                    row["СрокОплаты"] = termText; row["СрокДействия"] = EmptyDate;
                    break;
                default:
                    row["Контрагент_Key"] = counterparty; row["Партнер_Key"] = partner; row["ТипДоговора"] = "СПокупателем";
                    row["Статус"] = "Действует"; row["СрокОплаты"] = term; row["ОграничиватьСуммуЗадолженности"] = limited;
                    row["ДопустимаяСуммаЗадолженности"] = allowed; row["ДатаНачалаДействия"] = Register.Date(signed);
                    row["ДатаОкончанияДействия"] = EmptyDate;
                    break;
            }
            Contracts.Add(row);
            var analytics = NewGuid();
            AnalyticsKeys.Add(new JsonObject
            {
                ["Ref_Key"] = analytics, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false, ["Description"] = "Ключ аналитики",
                ["Партнер_Key"] = partner, ["Контрагент_Key"] = counterparty, ["Договор_Key"] = contract, ["Организация_Key"] = Organisation,
                ["Predefined"] = false, ["PredefinedDataName"] = "",
            });
            if (_random.NextDouble() < 0.3) continue;   // a contract without shipments yet
            var shipments = _random.Next(1, 6);
            var shipped = new List<(DateOnly Due, decimal Amount)>();
            var contractDebt = 0m;
            for (var s = 0; s < shipments; s++)
            {
                var at = _asOf.Date.AddDays(-_random.Next(1, 121)).AddHours(_random.Next(9, 19));
                var amount = _random.Next(5_000, 500_000) + _random.Next(0, 100) / 100m;
                var due = at.Date.AddDays(term);
                var roll = _random.NextDouble();
                var paid = roll < 0.4 ? amount : roll < 0.7 ? Math.Round(amount * (decimal)_random.NextDouble(), 2) : 0m;
                var paidAt = at.AddDays(_random.Next(1, Math.Max(2, (int)(_asOf - at).TotalDays)));
                if (paidAt >= _asOf) paidAt = _asOf.AddHours(-1);
                var document = NewGuid();
                Ship(counterparty, contract, analytics, document, at, due, amount);
                if (paid > 0) Pay(counterparty, contract, analytics, document, at, due, paidAt, paid);
                var rest = amount - paid;
                debt += rest;
                contractDebt += rest;
                shipped.Add((DateOnly.FromDateTime(due), amount));
                if (rest > 0 && DateOnly.FromDateTime(due) < DateOnly.FromDateTime(_asOf))
                {
                    overdue += rest;
                    since = since is { } d && d <= DateOnly.FromDateTime(due) ? d : DateOnly.FromDateTime(due);
                }
            }
            Fifo(counterparty, contractDebt, shipped);
            if (_random.NextDouble() < 0.1)
            {
                var advance = _random.Next(1_000, 50_000);
                Prepay(counterparty, contract, analytics, _asOf.AddDays(-_random.Next(1, 10)), advance);
                debt -= advance;
            }
        }
        _truth[counterparty] = (debt, overdue, since, limit);
    }

    // The contract's debt lies on its newest shipments; the part on shipments already due is overdue.
    private void Fifo(string counterparty, decimal contractDebt, List<(DateOnly Due, decimal Amount)> shipments)
    {
        var today = DateOnly.FromDateTime(_asOf);
        var f = _fifo.GetValueOrDefault(counterparty);
        var left = contractDebt;
        foreach (var (due, amount) in shipments.OrderByDescending(s => s.Due))
        {
            if (left <= 0) break;
            var part = Math.Min(left, amount);
            left -= part;
            if (due >= today) continue;
            f.Overdue += part;
            f.Since = f.Since is { } s && s <= due ? s : due;
        }
        _fifo[counterparty] = f;
    }

    private void Ship(string counterparty, string contract, string analytics, string document, DateTime at, DateTime due, decimal amount)
    {
        var number = (++_shipments).ToString("000000", CultureInfo.InvariantCulture);
        SalesDocuments.Add(new JsonObject
        {
            ["Ref_Key"] = document, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false, ["Number"] = "00БП-" + number,
            ["Date"] = Register.Date(at), ["Posted"] = true, ["Организация_Key"] = Organisation, ["Контрагент_Key"] = counterparty,
            ["ДоговорКонтрагента_Key"] = contract, ["СуммаДокумента"] = amount,
        });
        DeliveryNotes.Add(new JsonObject
        {
            ["Ref_Key"] = document, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false, ["Number"] = "УТ-" + number,
            ["Date"] = Register.Date(at), ["Posted"] = true, ["Организация_Key"] = Organisation, ["Контрагент_Key"] = counterparty,
            ["Договор_Key"] = contract, ["СуммаДокумента"] = amount,
        });
        ByTerms.Add(at, TermsRow(analytics, document, due, at, amount, 0));
        Unf.Add(at, UnfRow(counterparty, contract, "Долг", document, amount));
        Ledger.Add(at, LedgerRow(Account6201, counterparty, contract, amount));
    }

    private void Pay(string counterparty, string contract, string analytics, string document, DateTime shipped, DateTime due, DateTime at, decimal amount)
    {
        ByTerms.Add(at, TermsRow(analytics, document, due, shipped, -amount, 0));
        Unf.Add(at, UnfRow(counterparty, contract, "Долг", document, -amount));
        Ledger.Add(at, LedgerRow(Account6201, counterparty, contract, -amount));
    }

    // A prepayment has no due date: 1C leaves the date empty (0001-01-01T00:00:00).
    private void Prepay(string counterparty, string contract, string analytics, DateTime at, decimal amount)
    {
        var payment = NewGuid();
        ByTerms.Add(at, TermsRow(analytics, payment, DateTime.MinValue, at, 0, amount, "StandardODATA.Document_ПоступлениеБезналичныхДенежныхСредств"));
        Unf.Add(at, UnfRow(counterparty, contract, "Аванс", payment, -amount, "StandardODATA.Document_ПоступлениеНаСчет"));
        Ledger.Add(at, LedgerRow(Account6202, counterparty, contract, -amount));
    }

    private JsonObject TermsRow(string analytics, string document, DateTime due, DateTime arose, decimal debt, decimal prepayment,
        string type = "StandardODATA.Document_РеализацияТоваровУслуг") => new()
    {
        ["АналитикаУчетаПоПартнерам_Key"] = analytics, ["ОбъектРасчетов_Key"] = NewGuid(), ["Валюта_Key"] = Rouble,
        ["РасчетныйДокумент"] = document, ["РасчетныйДокумент_Type"] = type,
        ["ДатаПлановогоПогашения"] = due == DateTime.MinValue ? EmptyDate : Register.Date(due.Date),
        ["ДатаВозникновения"] = Register.Date(arose.Date),
        ["Долг"] = debt, ["Предоплата"] = prepayment, ["ДолгУпр"] = debt, ["ПредоплатаУпр"] = prepayment,
    };

    private JsonObject UnfRow(string counterparty, string contract, string kind, string document, decimal amount,
        string type = "StandardODATA.Document_РасходнаяНакладная") => new()
    {
        ["Организация_Key"] = Organisation, ["ТипРасчетов"] = kind, ["Контрагент_Key"] = counterparty, ["Договор_Key"] = contract,
        ["Документ"] = document, ["Документ_Type"] = type, ["Заказ"] = EmptyRef, ["Заказ_Type"] = "StandardODATA.Undefined",
        ["Сумма"] = amount, ["СуммаВал"] = amount,
    };

    private JsonObject LedgerRow(string account, string counterparty, string contract, decimal amount) => new()
    {
        ["Account_Key"] = AccountKeys[account], ["Организация_Key"] = Organisation, ["Валюта_Key"] = EmptyRef,
        ["ExtDimension1"] = counterparty, ["ExtDimension1_Type"] = "StandardODATA.Catalog_Контрагенты",
        ["ExtDimension2"] = contract, ["ExtDimension2_Type"] = "StandardODATA.Catalog_ДоговорыКонтрагентов",
        ["Сумма"] = amount, ["ВалютнаяСумма"] = 0m,
    };

    private void FillStock(int products)
    {
        var warehouses = new[] { "Основной склад", "Склад Санкт-Петербург", "Магазин на Покровке" }.Select((name, i) =>
        {
            var key = NewGuid();
            WarehouseNames[key] = name;
            Warehouses.Add(new JsonObject
            {
                ["Ref_Key"] = key, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false, ["Parent_Key"] = EmptyRef, ["IsFolder"] = false,
                ["Code"] = $"00-{i + 1:000}", ["Description"] = name, ["Predefined"] = false, ["PredefinedDataName"] = "",
            });
            Units.Add(new JsonObject
            {
                ["Ref_Key"] = key, ["DataVersion"] = "AAAAAQAAAAA=", ["DeletionMark"] = false, ["Code"] = $"{i + 1}", ["Description"] = name,
                ["ТипСтруктурнойЕдиницы"] = i == 2 ? "Розница" : "Склад", ["Predefined"] = false, ["PredefinedDataName"] = "",
            });
            return key;
        }).ToArray();
        for (var p = 0; p < products; p++)
        {
            var product = NewGuid();
            // Every fifth wine comes in vintages (characteristics): the offer id becomes product#characteristic.
            var characteristics = p % 5 == 0 ? new[] { NewGuid(), NewGuid() } : new[] { EmptyRef };
            foreach (var characteristic in characteristics)
            {
                var offer = characteristic == EmptyRef ? product : product + "#" + characteristic;
                foreach (var warehouse in warehouses.Where(_ => _random.NextDouble() < 0.7))
                {
                    var received = _random.Next(6, 600);
                    var sold = _random.NextDouble() < 0.15 ? received : _random.Next(0, received);
                    var at = _asOf.AddDays(-_random.Next(5, 60));
                    GoodsInStock.Add(at, StockRow(product, characteristic, warehouse, received));
                    GoodsInStock.Add(at.AddDays(2), StockRow(product, characteristic, warehouse, -sold));
                    UnfStock.Add(at, UnfStockRow(product, characteristic, warehouse, received));
                    UnfStock.Add(at.AddDays(2), UnfStockRow(product, characteristic, warehouse, -sold));
                    if (received - sold != 0) ExpectedStock[(offer, warehouse)] = received - sold;
                }
            }
        }
    }

    private JsonObject StockRow(string product, string characteristic, string warehouse, decimal quantity) => new()
    {
        ["Номенклатура_Key"] = product, ["Характеристика_Key"] = characteristic, ["Назначение_Key"] = EmptyRef, ["Склад_Key"] = warehouse,
        ["Помещение_Key"] = EmptyRef, ["Серия_Key"] = EmptyRef, ["ВНаличии"] = quantity, ["КОтгрузке"] = 0m,
    };

    private JsonObject UnfStockRow(string product, string characteristic, string warehouse, decimal quantity) => new()
    {
        ["Организация_Key"] = Organisation, ["Номенклатура_Key"] = product, ["Характеристика_Key"] = characteristic, ["Партия_Key"] = EmptyRef,
        ["СтруктурнаяЕдиница_Key"] = warehouse, ["Ячейка_Key"] = EmptyRef, ["Количество"] = quantity,
    };

    private string Surname() => new[] { "Иванов", "Петрова", "Сидоров", "Кузнецова", "Смирнов", "Волкова", "Лебедев" }[_random.Next(7)];

    private char Letter() => "АБВГДЕИКЛМНОПРС"[_random.Next(15)];

    /// <summary>Adds a supplier's movement on 60.01 so a reader that forgets the account condition sees wrong sums.</summary>
    public void AddSupplierNoise(string counterpartyKey, decimal amount) =>
        Ledger.Add(_asOf.AddDays(-3), new JsonObject
        {
            ["Account_Key"] = AccountKeys["60.01"], ["Организация_Key"] = Organisation, ["Валюта_Key"] = EmptyRef,
            ["ExtDimension1"] = counterpartyKey, ["ExtDimension1_Type"] = "StandardODATA.Catalog_Контрагенты",
            ["ExtDimension2"] = EmptyRef, ["ExtDimension2_Type"] = "StandardODATA.Catalog_ДоговорыКонтрагентов",
            ["Сумма"] = -amount, ["ВалютнаяСумма"] = 0m,
        });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Generated.Count} counterparties, {Expected.Count} with receivables");
}
