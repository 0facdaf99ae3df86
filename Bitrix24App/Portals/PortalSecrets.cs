using Microsoft.AspNetCore.DataProtection;

namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// Seals portal tokens for the database with ASP.NET Core Data Protection (keys under <c>DataProtection:KeysPath</c>),
/// so a copied database file alone reveals no token.
/// </summary>
public sealed class PortalSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("WineB24.Portals.Tokens.v1");

    public string Seal(string plaintext) => _protector.Protect(plaintext);

    public string? SealOrNull(string? plaintext) => string.IsNullOrEmpty(plaintext) ? null : Seal(plaintext);

    public string? Unseal(string? sealedText) => sealedText is null ? null : _protector.Unprotect(sealedText);
}
