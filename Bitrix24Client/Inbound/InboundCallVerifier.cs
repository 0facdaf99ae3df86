using System.Security.Cryptography;
using System.Text;

namespace WineB24.Bitrix24Client.Inbound;

/// <summary>Why an inbound call was refused; <see cref="Accepted"/> carries the portal.</summary>
public sealed record InboundVerification(PortalIdentity? Portal, string? Refusal)
{
    public bool Accepted => Portal is not null;
}

/// <summary>
/// Checks an inbound event, robot call or frame POST: the member_id must be a known installed portal and the
/// posted application_token must equal the stored one (constant-time compare).
/// </summary>
public sealed class InboundCallVerifier(IPortalDirectory directory)
{
    public async Task<InboundVerification> VerifyAsync(string? memberId, string? applicationToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(memberId))
        {
            return new(null, "member_id is missing");
        }
        if (string.IsNullOrEmpty(applicationToken))
        {
            return new(null, "application_token is missing");
        }
        var portal = await directory.FindAsync(memberId, cancellationToken);
        if (portal is null || !portal.Installed)
        {
            return new(null, "portal is not installed");
        }
        if (string.IsNullOrEmpty(portal.ApplicationToken) || !FixedTimeEquals(portal.ApplicationToken, applicationToken))
        {
            return new(null, "application_token does not match");
        }
        return new(portal, null);
    }

    public static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
