namespace WineB24.OneCConnector.OData;

/// <summary>The 1C configuration behind an OData publication; it decides where counterparties and settlements live.</summary>
public enum OneCConfiguration
{
    /// <summary>1C:Управление торговлей 11.</summary>
    Ut11,
    /// <summary>1C:Комплексная автоматизация 2 (УТ 11 code base).</summary>
    Ka2,
    /// <summary>1C:ERP Управление предприятием 2 (УТ 11 code base).</summary>
    Erp,
    /// <summary>1C:Управление нашей фирмой 3.</summary>
    Unf,
    /// <summary>1C:Бухгалтерия предприятия 3.0 (receivables on account 62).</summary>
    Bp30,
}

/// <summary>How a configuration keeps receivables.</summary>
public enum ReceivablesModel
{
    /// <summary>УТ/КА/ERP: accumulation register by due dates, dimension = partner analytics key.</summary>
    ByDueDates,
    /// <summary>УНФ: accumulation register by counterparty/contract/document, no due dates.</summary>
    ByCounterparty,
    /// <summary>БП: accounting register, account 62.01 (debt) and 62.02 (advances), subconto 1 = counterparty.</summary>
    Account62,
}
