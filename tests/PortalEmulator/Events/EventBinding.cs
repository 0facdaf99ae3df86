namespace WineB24.PortalEmulator.Events;

/// <summary>A handler bound with event.bind. AuthType 0 = tokens of the user who caused the event.</summary>
public sealed record EventBinding(int Id, string Event, string? Handler, int AuthType, bool Offline, string? AuthConnector)
{
    /// <summary>ONOFFLINEEVENT throttle (<c>options[minTimeout]</c>, seconds).</summary>
    public int MinTimeoutSeconds { get; init; }
}
