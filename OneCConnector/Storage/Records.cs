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
    /// <summary>Set when this row records an admin's replay of a failed file (<see cref="FailedFileRecord.Id"/>), not a 1C run.</summary>
    public string? ReplayOf { get; set; }

    /// <summary>Background work the session's files queued for Bitrix24 and not yet done (<see cref="Bitrix24Work"/> flags).</summary>
    public int AwaitingBitrix24 { get; set; }

    /// <summary>When a file of the session last queued Bitrix24 work (unix ms): a drain that began later covers it.</summary>
    public long? AwaitingSince { get; set; }

    /// <summary>When the last of that work reached Bitrix24 (unix ms); the session's lag is this minus its end.</summary>
    public long? AppliedAt { get; set; }
}

/// <summary>The background steps that carry a session's data on into Bitrix24 after 1C got its answer.</summary>
[Flags]
public enum Bitrix24Work
{
    None = 0,
    /// <summary>The catalogue push (products, prices, quantities).</summary>
    Catalogue = 1,
    /// <summary>The sale inbox (counterparties → companies, order statuses → deals).</summary>
    Sale = 2,
}

/// <summary>
/// A file whose import failed (parse error, validation, sink failure), kept with its reason so an admin can replay
/// it. The copy lives under the portal's upload directory; <see cref="Kept"/> is false once retention dropped it.
/// </summary>
public sealed class FailedFileRecord
{
    public required string Id { get; set; }
    public required string MemberId { get; set; }
    /// <summary>The 1C session (and its journal row) where the file failed.</summary>
    public required string SessionId { get; set; }
    public required string JournalId { get; set; }
    public required string ExchangeType { get; set; }
    /// <summary>The stored relative name, as the journal lists it.</summary>
    public required string FileName { get; set; }
    public long FailedAt { get; set; }
    public required string Reason { get; set; }
    public long Bytes { get; set; }
    public bool Kept { get; set; }
    /// <summary><c>failed</c>, <c>replaying</c> or <c>replayed</c>.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long? ReplayStartedAt { get; set; }
    public long? ResolvedAt { get; set; }
}

/// <summary>
/// Failed exchange logins per key (<c>login:…</c> or <c>ip:…</c>) in the shared database, so every app instance sees
/// the same counts and lockouts. Not portal data: a failed login has no verified portal yet, so no member_id.
/// </summary>
public sealed class LoginFailureRecord
{
    public required string Key { get; set; }
    public int Failures { get; set; }
    public long LastFailureAt { get; set; }
    public long? LockedUntil { get; set; }
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
