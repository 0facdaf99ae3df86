using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Events;

/// <summary>A record in the offline queue; one per event name and object (the latest state wins).</summary>
public sealed class OfflineEvent
{
    public int Id { get; internal set; }

    public required string EventName { get; init; }

    public required string MessageId { get; init; }

    public DateTimeOffset Timestamp { get; internal set; }

    public JsonObject Data { get; internal set; } = new();

    public string? ProcessId { get; internal set; }

    public bool Error { get; internal set; }

    public string? AuthConnector { get; init; }
}
