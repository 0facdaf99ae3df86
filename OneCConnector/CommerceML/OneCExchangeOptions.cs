using System.ComponentModel.DataAnnotations;

namespace WineB24.OneCConnector.CommerceML;

/// <summary>Bound from the <c>OneC</c> section and validated at start.</summary>
public sealed class OneCExchangeOptions : IValidatableObject
{
    public const string Section = "OneC";

    /// <summary>Uploads go to <c>{ExchangeRoot}/{member_id}/{session}</c>; relative paths are resolved against the content root.</summary>
    [Required]
    public string ExchangeRoot { get; set; } = "data/1c";

    /// <summary>Announced to 1C as <c>file_limit</c>: 1C splits larger files into POSTs of this size.</summary>
    [Range(64 * 1024, 512L * 1024 * 1024)]
    public long FileLimitBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Largest assembled file (after appending chunks).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Total bytes a session may unpack from its archives (zip-bomb guard).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUnpackedBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxZipEntries { get; set; } = 100_000;

    /// <summary>An entry expanding more than this many times its compressed size is treated as a zip bomb.</summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Whether 1C may send archives (<c>zip=yes</c> in the <c>init</c> reply).</summary>
    public bool AllowZip { get; set; } = true;

    /// <summary>How long one <c>import</c> request waits for the import before answering <c>progress</c> (УТ gives up after 180 s).</summary>
    public TimeSpan ImportStepBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A session unused this long is gone; 1C cannot renew its cookie, so this is generous.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// With УТ's "do not wait for import confirmation" 1C never calls <c>import</c>: files of a session idle this long
    /// that were never imported are imported by the server on its own.
    /// </summary>
    public TimeSpan AutoImportAfterIdle { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 10;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Disk kept per portal for copies of files that failed to import (for replay from the settings page). When a new
    /// failure does not fit, the oldest copies are dropped; a file larger than the whole budget is listed but not kept.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long FailedFilesMaxBytesPerPortal { get; set; } = 256L * 1024 * 1024;

    [Range(1024, int.MaxValue)]
    public int MaxRecordCharacters { get; set; } = 8 * 1024 * 1024;

    [Required, RegularExpression("^[A-Za-z0-9_]{1,32}$")]
    public string CookieName { get; set; } = "WINEB24_1C";

    /// <summary>Credentials set from configuration: <c>OneC:Portals:{member_id}:Login</c> / <c>:Password</c>.</summary>
    public Dictionary<string, ConfiguredPortalCredentials> Portals { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ImportStepBudget <= TimeSpan.Zero || ImportStepBudget > TimeSpan.FromSeconds(150))
        {
            yield return new ValidationResult("OneC:ImportStepBudget must be between 0 and 150 seconds (1C waits 180 s per request).");
        }
        if (SessionIdleTimeout < TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("OneC:SessionIdleTimeout must be at least 5 minutes.");
        }
        if (AutoImportAfterIdle < TimeSpan.FromSeconds(30) || AutoImportAfterIdle >= SessionIdleTimeout)
        {
            yield return new ValidationResult("OneC:AutoImportAfterIdle must be at least 30 seconds and shorter than OneC:SessionIdleTimeout.");
        }
        if (LockoutDuration <= TimeSpan.Zero)
        {
            yield return new ValidationResult("OneC:LockoutDuration must be positive.");
        }
        if (MaxFileBytes < FileLimitBytes)
        {
            yield return new ValidationResult("OneC:MaxFileBytes must not be smaller than OneC:FileLimitBytes.");
        }
        foreach (var (memberId, portal) in Portals)
        {
            if (string.IsNullOrWhiteSpace(portal.Login) || string.IsNullOrEmpty(portal.Password))
            {
                yield return new ValidationResult($"OneC:Portals:{memberId} needs both Login and Password.");
            }
            else if (portal.Password.Length < 12)
            {
                yield return new ValidationResult($"OneC:Portals:{memberId}:Password must be at least 12 characters.");
            }
        }
        var duplicate = Portals.Values.GroupBy(p => p.Login, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new ValidationResult($"OneC:Portals: login '{duplicate.Key}' is used by more than one portal.");
        }
    }
}

public sealed class ConfiguredPortalCredentials
{
    public string Login { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
}
