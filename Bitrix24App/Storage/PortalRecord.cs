namespace WineB24.Bitrix24App.Storage;

/// <summary>
/// One Bitrix24 portal the app was installed on, keyed by its permanent <c>member_id</c>.
/// Token columns hold Data Protection ciphertext, never plaintext.
/// </summary>
public sealed class PortalRecord
{
    public string MemberId { get; set; } = "";
    public string Domain { get; set; } = "";

    /// <summary>The portal's REST root as the OAuth server reported it (<c>client_endpoint</c>).</summary>
    public string ClientEndpoint { get; set; } = "";

    public string Language { get; set; } = "ru";
    public int? AppVersion { get; set; }

    /// <summary>app.info STATUS: F free, D demo, T trial, P paid, L local.</summary>
    public string? AppStatus { get; set; }
    public string? License { get; set; }
    public string? LicenseFamily { get; set; }

    /// <summary><c>standard</c> or <c>enterprise</c> (see <c>Portals/PortalPlan</c>); decides the portal's REST limits.</summary>
    public string? Plan { get; set; }

    /// <summary>When app.info last told us the plan (install, update).</summary>
    public DateTimeOffset? PlanReadAt { get; set; }

    public bool Installed { get; set; }
    public string? NeedsAttentionCode { get; set; }
    public string? NeedsAttentionDescription { get; set; }

    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string? AccessTokenSealed { get; set; }
    public string? RefreshTokenSealed { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public string? ApplicationTokenSealed { get; set; }

    /// <summary>Bumped on every token write; updates are conditional on it so an older pair never overwrites a newer one.</summary>
    public long TokenVersion { get; set; }
}
