using System.ComponentModel.DataAnnotations;

namespace WineB24.Bitrix24App.Hosting;

/// <summary>Bound from the <c>DataProtection</c> section: where the keys that seal portal tokens live.</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>The application name is fixed so every instance (and every restart) can unseal the same tokens.</summary>
    public const string ApplicationName = "WineB24";

    /// <summary>A folder shared by all instances; relative paths are resolved against the content root.</summary>
    [Required]
    public string KeysPath { get; set; } = "data/keys";
}
