namespace WineB24.OneCConnector.Storage;

/// <summary>
/// A portal's 1C OData connection as the settings page saved it (password sealed with ASP.NET Core Data Protection),
/// plus its 401 state so a wrong password does not hammer 1C every run. Portals configured in
/// <c>OneC:OData:Portals</c> get a row for the state only (connection columns null).
/// </summary>
public sealed class ODataConnectionRecord
{
    public required string MemberId { get; set; }
    public string? Url { get; set; }
    public string? Login { get; set; }
    public string? ProtectedPassword { get; set; }
    public string? Configuration { get; set; }
    public int ReceivablesEveryMinutes { get; set; }
    public int CounterpartiesEveryMinutes { get; set; }
    public int StockEveryMinutes { get; set; }
    /// <summary>Name overrides as JSON (<c>ODataNames</c>), null = the preset's.</summary>
    public string? Names { get; set; }
    /// <summary>Fingerprint of the credentials 1C refused; runs skip 1C while they are unchanged.</summary>
    public string? AuthFailedFingerprint { get; set; }
    public long? AuthFailedAt { get; set; }
    public long UpdatedAt { get; set; }
}

/// <summary>The last receivables read for one 1C counterparty, and what was last written to its company.</summary>
public sealed class ReceivableRecord
{
    public required string MemberId { get; set; }
    /// <summary>1C <c>Ref_Key</c> of the counterparty, lower case.</summary>
    public required string CounterpartyId { get; set; }
    public decimal Debt { get; set; }
    public decimal Overdue { get; set; }
    /// <summary><c>yyyy-MM-dd</c> or null.</summary>
    public string? OverdueSince { get; set; }
    public decimal? CreditLimit { get; set; }
    /// <summary>Fingerprint of the values above.</summary>
    public required string ValuesHash { get; set; }
    /// <summary>Fingerprint last written to the company; differs from <see cref="ValuesHash"/> until the write succeeds.</summary>
    public string? PushedHash { get; set; }
    public long? CompanyId { get; set; }
    /// <summary>When these values were last confirmed by a read from 1C.</summary>
    public long AsOf { get; set; }
    /// <summary>When the values last changed.</summary>
    public long ChangedAt { get; set; }
}
