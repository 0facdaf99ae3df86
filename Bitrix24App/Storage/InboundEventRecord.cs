namespace WineB24.Bitrix24App.Storage;

/// <summary>Where an inbound event stands in its dispatch.</summary>
public static class InboundEventStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>
/// A verified Bitrix24 event, stored before the 200 so a crash cannot lose it; a job dispatches it.
/// Holds only <c>data[…]</c> as JSON, never the <c>auth[…]</c> tokens.
/// </summary>
public sealed class InboundEventRecord
{
    public long Id { get; set; }
    public string MemberId { get; set; } = "";
    public string EventName { get; set; } = "";
    public string DataJson { get; set; } = "{}";
    public DateTimeOffset ReceivedAt { get; set; }
    public bool FromOfflineQueue { get; set; }
    public string Status { get; set; } = InboundEventStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}
