namespace WineB24.Bitrix24App.Storage;

/// <summary>
/// One thing the registrar made the portal hold (a robot, placement, event binding, trigger or user field),
/// with the outcome of the last convergence: <see cref="Error"/> is null when it is in place.
/// </summary>
public sealed class RegistrationRecord
{
    public string MemberId { get; set; } = "";

    /// <summary>robot, placement, event, trigger or userfield.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Robot/trigger code, <c>PLACEMENT</c>, <c>EVENT</c> (+ offline), or <c>entity.FIELD_NAME</c>.</summary>
    public string Key { get; set; } = "";

    public string? Handler { get; set; }
    public string? Error { get; set; }

    /// <summary>SHA-256 of the declared parameters it was converged to (see <c>Registrations/DefinitionHash</c>); null if that failed.</summary>
    public string? DefinitionHash { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
