namespace WineB24.OneCConnector.OData;

/// <summary>
/// Entity-set and register names the connector reads, per configuration (sheet §3.6). Every name can be overridden
/// per portal; null means "take the preset's".
/// </summary>
public sealed record ODataNames
{
    public string? Counterparties { get; init; }
    public string? Partners { get; init; }
    public string? Contracts { get; init; }
    public string? AnalyticsKeys { get; init; }
    public string? ReceivablesRegister { get; init; }
    public string? ChartOfAccounts { get; init; }
    public string? DebtAccountCode { get; init; }
    public string? AdvanceAccountCode { get; init; }
    public string? StockRegister { get; init; }
    public string? Warehouses { get; init; }
    /// <summary>The contract attribute holding the customer's payment term in days (УНФ, БП 3.0).</summary>
    public string? PaymentTerm { get; init; }
    /// <summary>The shipment document whose date starts the payment term (УНФ, БП 3.0).</summary>
    public string? Shipments { get; init; }

    /// <summary>The preset's names with this record's non-null values on top.</summary>
    public ODataPreset ApplyTo(ODataPreset preset) => preset with
    {
        Counterparties = Counterparties ?? preset.Counterparties,
        Partners = Partners ?? preset.Partners,
        Contracts = Contracts ?? preset.Contracts,
        AnalyticsKeys = AnalyticsKeys ?? preset.AnalyticsKeys,
        ReceivablesRegister = ReceivablesRegister ?? preset.ReceivablesRegister,
        ChartOfAccounts = ChartOfAccounts ?? preset.ChartOfAccounts,
        DebtAccountCode = DebtAccountCode ?? preset.DebtAccountCode,
        AdvanceAccountCode = AdvanceAccountCode ?? preset.AdvanceAccountCode,
        StockRegister = StockRegister ?? preset.StockRegister,
        Warehouses = Warehouses ?? preset.Warehouses,
        PaymentTerm = PaymentTerm ?? preset.PaymentTerm,
        Shipments = Shipments ?? preset.Shipments,
    };
}

/// <summary>Resolved names for one configuration.</summary>
public sealed record ODataPreset(
    OneCConfiguration Configuration,
    ReceivablesModel Model,
    string Counterparties,
    string? Partners,
    string Contracts,
    string? AnalyticsKeys,
    string ReceivablesRegister,
    string? ChartOfAccounts,
    string? DebtAccountCode,
    string? AdvanceAccountCode)
{
    /// <summary>
    /// The counterparty's legal-form field (sheet §4.1): <c>ЮрФизЛицо</c> in УТ/КА/ERP; БП 3.0 and УНФ keep it in
    /// <c>ЮридическоеФизическоеЛицо</c> and have no <c>ЮрФизЛицо</c> (1C refuses a <c>$select</c> naming it).
    /// </summary>
    public string CounterpartyLegalForm { get; init; } = "ЮрФизЛицо";
    /// <summary>Stock balance register (null: the configuration keeps stock where a generic read is unsafe, БП 41.01).</summary>
    public string? StockRegister { get; init; }
    /// <summary>The register's quantity resource, without the <c>Balance</c> suffix.</summary>
    public string? StockResource { get; init; }
    /// <summary>The register's warehouse dimension (<c>_Key</c> form).</summary>
    public string? StockWarehouseDimension { get; init; }
    /// <summary>The catalog of warehouses, for their names.</summary>
    public string? Warehouses { get; init; }

    /// <summary>The contract's counterparty: <c>Контрагент_Key</c> in УТ 11.5 (contracts have no owner there, sheet §3.7), <c>Owner_Key</c> in УНФ and БП.</summary>
    public string ContractCounterparty { get; init; } = "Контрагент_Key";
    /// <summary>
    /// Where registers carry no due dates (УНФ, БП): the contract attribute with the customer's payment term in days
    /// (УНФ <c>СрокОплатыПокупателя</c>, БП <c>СрокОплаты</c>); null = overdue is not computed.
    /// </summary>
    public string? PaymentTerm { get; init; }
    /// <summary>БП: the flag that makes <see cref="PaymentTerm"/> count (<c>УстановленСрокОплаты</c>); unset = no term on the contract.</summary>
    public string? PaymentTermSet { get; init; }
    /// <summary>The shipment document whose date starts the term: УНФ <c>Document_РасходнаяНакладная</c>, БП <c>Document_РеализацияТоваровУслуг</c>.</summary>
    public string? Shipments { get; init; }
    /// <summary>БП: the shipment's contract attribute (<c>ДоговорКонтрагента_Key</c>), to lay a contract's debt on its shipments.</summary>
    public string? ShipmentContract { get; init; }
    /// <summary>БП: how far back shipments are read for the FIFO rule; debt older than that counts from the window's start.</summary>
    public int ShipmentHistoryDays { get; init; } = 730;

    /// <summary>
    /// Defaults. УТ 11.5 names are confirmed in the sheet; КА 2 and ERP share the УТ code base (sheet: [U]) so they
    /// get the same names; УНФ and БП names are from their metadata dumps (sheet §3.6).
    /// </summary>
    public static ODataPreset For(OneCConfiguration configuration) => configuration switch
    {
        OneCConfiguration.Ut11 or OneCConfiguration.Ka2 or OneCConfiguration.Erp => new(configuration, ReceivablesModel.ByDueDates,
            "Catalog_Контрагенты", "Catalog_Партнеры", "Catalog_ДоговорыКонтрагентов", "Catalog_КлючиАналитикиУчетаПоПартнерам",
            "AccumulationRegister_РасчетыСКлиентамиПоСрокам", null, null, null)
        {
            // Physical stock on hand, as the sheet's recipe reads it; the site exchange's "free stock" also subtracts
            // reserves (ЗапасыИПотребности), which this pull does not.
            StockRegister = "AccumulationRegister_ТоварыНаСкладах", StockResource = "ВНаличии", StockWarehouseDimension = "Склад_Key",
            Warehouses = "Catalog_Склады",
        },
        OneCConfiguration.Unf => new(configuration, ReceivablesModel.ByCounterparty,
            "Catalog_Контрагенты", null, "Catalog_ДоговорыКонтрагентов", null,
            "AccumulationRegister_РасчетыСПокупателями", null, null, null)
        {
            StockRegister = "AccumulationRegister_ЗапасыНаСкладах", StockResource = "Количество", StockWarehouseDimension = "СтруктурнаяЕдиница_Key",
            Warehouses = "Catalog_СтруктурныеЕдиницы", CounterpartyLegalForm = "ЮридическоеФизическоеЛицо",
            ContractCounterparty = "Owner_Key", PaymentTerm = "СрокОплатыПокупателя", Shipments = "Document_РасходнаяНакладная",
        },
        OneCConfiguration.Bp30 => new(configuration, ReceivablesModel.Account62,
            "Catalog_Контрагенты", null, "Catalog_ДоговорыКонтрагентов", null,
            "AccountingRegister_Хозрасчетный", "ChartOfAccounts_Хозрасчетный", "62.01", "62.02")
        {
            CounterpartyLegalForm = "ЮридическоеФизическоеЛицо",
            ContractCounterparty = "Owner_Key", PaymentTerm = "СрокОплаты", PaymentTermSet = "УстановленСрокОплаты",
            Shipments = "Document_РеализацияТоваровУслуг", ShipmentContract = "ДоговорКонтрагента_Key",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, null),
    };
}
