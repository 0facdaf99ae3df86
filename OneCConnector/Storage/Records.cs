namespace WineB24.OneCConnector.Storage;

// Times are Unix milliseconds: SQLite cannot order DateTimeOffset, and one representation serves both providers.

/// <summary>Per-portal exchange login; the password is kept only as a salted PBKDF2 hash.</summary>
public sealed class ExchangeCredentialRecord
{
    public required string MemberId { get; set; }
    public required string Login { get; set; }
    public required string PasswordHash { get; set; }
    public required string PasswordSalt { get; set; }
    public int Iterations { get; set; }
    public long UpdatedAt { get; set; }
}

/// <summary>One 1C run from <c>checkauth</c> on; its id is the cookie value 1C replays.</summary>
public sealed class ExchangeSessionRecord
{
    public required string Id { get; set; }
    public required string MemberId { get; set; }
    public required string ExchangeType { get; set; }
    public required string SessId { get; set; }
    public long CreatedAt { get; set; }
    public long LastSeenAt { get; set; }
    /// <summary>The <c>version</c> 1C sent on <c>init</c>; null means the old protocol (sale imports inside <c>mode=file</c>).</summary>
    public string? ProtocolVersion { get; set; }
    public required string JournalId { get; set; }
    /// <summary>Order ids served by the last <c>query</c>, confirmed only when 1C calls <c>success</c>.</summary>
    public string? PendingExport { get; set; }
}

/// <summary>What one exchange session did: files, record counts, changes, duration and errors.</summary>
public sealed class ExchangeJournalRecord
{
    public required string Id { get; set; }
    public required string MemberId { get; set; }
    public required string SessionId { get; set; }
    public required string ExchangeType { get; set; }
    public long StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public required string Status { get; set; }
    public string Files { get; set; } = string.Empty;
    public int Products { get; set; }
    public int Offers { get; set; }
    public int Prices { get; set; }
    public int Stocks { get; set; }
    public int Documents { get; set; }
    public int Counterparties { get; set; }
    public int Changes { get; set; }
    public string? Errors { get; set; }
}

public sealed class StockRecord
{
    public required string MemberId { get; set; }
    /// <summary>The offer's 1C id, <c>product#characteristic</c> for variants.</summary>
    public required string OfferId { get; set; }
    public required string ProductId { get; set; }
    /// <summary>Empty when 1C sent only a total (<c>Количество</c>) without warehouses.</summary>
    public required string WarehouseId { get; set; }
    public decimal Quantity { get; set; }
    public long UpdatedAt { get; set; }
}

public sealed class PriceRecord
{
    public required string MemberId { get; set; }
    public required string OfferId { get; set; }
    public required string ProductId { get; set; }
    public required string PriceTypeId { get; set; }
    public decimal Price { get; set; }
    public string? Currency { get; set; }
    public string? Unit { get; set; }
    public long UpdatedAt { get; set; }
}

public sealed class PriceTypeRecord
{
    public required string MemberId { get; set; }
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Currency { get; set; }
    public long UpdatedAt { get; set; }
}

public sealed class WarehouseRecord
{
    public required string MemberId { get; set; }
    public required string Id { get; set; }
    public required string Name { get; set; }
    public long UpdatedAt { get; set; }
}
