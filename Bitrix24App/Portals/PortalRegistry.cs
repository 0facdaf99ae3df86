using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// The lifecycle writes to the portal table: a confirmed install, the application token's first delivery or
/// replacement, uninstall and the deletion of a portal's rows. Callers have already verified the caller.
/// </summary>
public sealed class PortalRegistry(IDbContextFactory<AppDbContext> dbFactory, PortalSecrets secrets, TimeProvider time)
{
    /// <summary>Stores (or replaces) a portal's confirmed credentials and marks it installed; returns its plan.</summary>
    public async Task<string> SaveConfirmedInstallAsync(ConfirmedInstall install, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var portal = await db.Portals.SingleOrDefaultAsync(p => p.MemberId == install.MemberId, cancellationToken);
        if (portal is null)
        {
            portal = new PortalRecord { MemberId = install.MemberId, InstalledAt = now };
            db.Portals.Add(portal);
        }
        else if (!portal.Installed)
        {
            portal.InstalledAt = now;
        }
        portal.Domain = install.Domain;
        portal.ClientEndpoint = install.ClientEndpoint.ToString();
        portal.Language = string.IsNullOrWhiteSpace(install.Language) ? portal.Language : install.Language.ToLowerInvariant();
        portal.AppVersion = install.AppVersion ?? portal.AppVersion;
        portal.AppStatus = install.AppStatus;
        portal.License = install.License;
        portal.LicenseFamily = install.LicenseFamily;
        portal.Plan = PortalPlan.Of(install.License, install.LicenseFamily);
        portal.PlanReadAt = now;
        portal.Installed = true;
        portal.NeedsAttentionCode = null;
        portal.NeedsAttentionDescription = null;
        portal.AccessTokenSealed = secrets.Seal(install.AccessToken);
        portal.RefreshTokenSealed = secrets.Seal(install.RefreshToken);
        portal.AccessTokenExpiresAt = install.ExpiresAt;
        if (!string.IsNullOrEmpty(install.ApplicationToken))
        {
            portal.ApplicationTokenSealed = secrets.Seal(install.ApplicationToken);
        }
        portal.UpdatedAt = now;
        portal.TokenVersion++;
        await db.SaveChangesAsync(cancellationToken);
        return portal.Plan;
    }

    /// <summary>A fresh app.info for a known portal (ONAPPUPDATE): keeps its licence and plan current; returns the plan.</summary>
    public async Task<string> SaveAppInfoAsync(string memberId, string? license, string? licenseFamily, string? appStatus, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = PortalPlan.Of(license, licenseFamily);
        var now = time.GetUtcNow();
        await db.Portals.Where(p => p.MemberId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.License, license)
            .SetProperty(p => p.LicenseFamily, licenseFamily)
            .SetProperty(p => p.AppStatus, appStatus)
            .SetProperty(p => p.Plan, plan)
            .SetProperty(p => p.PlanReadAt, now)
            .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        return plan;
    }

    /// <summary>Installed portals whose plan is known.</summary>
    public async Task<IReadOnlyList<(string MemberId, string Plan)>> ListPlansAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Portals.AsNoTracking().Where(p => p.Installed && p.Plan != null)
            .Select(p => new { p.MemberId, p.Plan }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.MemberId, r.Plan!)).ToList();
    }

    /// <summary>
    /// The first delivery of <c>application_token</c> (ONAPPINSTALL) for a portal whose install was confirmed:
    /// stored only when none is set yet. Returns whether it was stored.
    /// </summary>
    public async Task<bool> SetApplicationTokenIfUnsetAsync(string memberId, string applicationToken, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sealedToken = secrets.Seal(applicationToken);
        var now = time.GetUtcNow();
        var written = await db.Portals
            .Where(p => p.MemberId == memberId && p.Installed && p.ApplicationTokenSealed == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.ApplicationTokenSealed, sealedToken)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        return written == 1;
    }

    /// <summary>ONAPPUPDATE: the portal issued a new application token (and maybe a new version).</summary>
    public async Task ReplaceApplicationTokenAsync(string memberId, string applicationToken, int? appVersion, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var portal = await db.Portals.SingleAsync(p => p.MemberId == memberId, cancellationToken);
        portal.ApplicationTokenSealed = secrets.Seal(applicationToken);
        portal.AppVersion = appVersion ?? portal.AppVersion;
        portal.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>ONAPPUNINSTALL: forget every token; later inbound calls and REST calls for the portal are refused.</summary>
    public async Task MarkUninstalledAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Portals.Where(p => p.MemberId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Installed, false)
            .SetProperty(p => p.AccessTokenSealed, (string?)null)
            .SetProperty(p => p.RefreshTokenSealed, (string?)null)
            .SetProperty(p => p.AccessTokenExpiresAt, (DateTimeOffset?)null)
            .SetProperty(p => p.ApplicationTokenSealed, (string?)null)
            .SetProperty(p => p.UpdatedAt, now)
            .SetProperty(p => p.TokenVersion, p => p.TokenVersion + 1), cancellationToken);
    }

    /// <summary>
    /// The portal answered from a new address (domain renamed, 302): keep the new REST root so other instances and
    /// restarts call it directly. Only the stored endpoint of this member_id is touched.
    /// </summary>
    public async Task ChangeEndpointAsync(string memberId, Uri newEndpoint, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = newEndpoint.ToString();
        var domain = newEndpoint.Authority;
        var now = time.GetUtcNow();
        await db.Portals.Where(p => p.MemberId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ClientEndpoint, endpoint)
            .SetProperty(p => p.Domain, domain)
            .SetProperty(p => p.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Deletes every row this app holds for the portal (uninstall with CLEAN=1).</summary>
    public async Task DeletePortalRowsAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InboundEvents.Where(e => e.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Registrations.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Portals.Where(p => p.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PortalIdentity>> ListInstalledAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Portals.AsNoTracking().Where(p => p.Installed).ToListAsync(cancellationToken);
        return rows.Select(p => new PortalIdentity(p.MemberId, p.Domain, null, p.Installed, p.Language)).ToList();
    }

    public async Task<PortalRecord?> FindRecordAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Portals.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
    }
}
