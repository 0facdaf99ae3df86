using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24App.Registrations;

/// <summary>
/// Fingerprint of what the app sent the portal for one registration (the exact parameters, handler URL included),
/// stored in <c>portal_registrations.definition_hash</c>. Lists such as <c>bizproc.robot.list</c> return only codes,
/// so the stored fingerprint is how a converge knows a registration is already up to date without re-sending it.
/// </summary>
public static class DefinitionHash
{
    public static string Of(JToken parameters)
    {
        var canonical = parameters.ToString(Formatting.None);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
