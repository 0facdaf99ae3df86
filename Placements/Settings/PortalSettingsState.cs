namespace WineB24.Placements.Settings;

/// <summary>Everything the settings page shows; also the JSON the page script refreshes.</summary>
public sealed record PortalSettingsState(
    string MemberId,
    string Domain,
    bool Installed,
    bool? NeedsAttention,
    string? AttentionReason,
    DateTimeOffset? LastTokenRefreshAt,
    string? License,
    string? Status,
    IReadOnlyList<RegistrationRow> Registrations,
    IReadOnlyList<string> Problems);
