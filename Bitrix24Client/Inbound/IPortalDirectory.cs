namespace WineB24.Bitrix24Client.Inbound;

/// <summary>What an inbound-call handler needs to know about an installed portal.</summary>
public sealed record PortalIdentity(string MemberId, string Domain, string? ApplicationToken, bool Installed, string Language);

/// <summary>Lookup of installed portals by member_id; implemented by the app over its database.</summary>
public interface IPortalDirectory
{
    Task<PortalIdentity?> FindAsync(string memberId, CancellationToken cancellationToken);
}
