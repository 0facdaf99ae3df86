using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Portals;

/// <summary>Looks portals up for inbound-call verification; the application token is unsealed only in memory.</summary>
public sealed class EfPortalDirectory(IDbContextFactory<AppDbContext> dbFactory, PortalSecrets secrets) : IPortalDirectory
{
    public async Task<PortalIdentity?> FindAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var portal = await db.Portals.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        return portal is null
            ? null
            : new PortalIdentity(portal.MemberId, portal.Domain, secrets.Unseal(portal.ApplicationTokenSealed), portal.Installed, portal.Language);
    }
}
