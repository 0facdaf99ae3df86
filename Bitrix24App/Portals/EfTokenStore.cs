using Microsoft.EntityFrameworkCore;
using WineB24.Bitrix24App.Storage;
using WineB24.Bitrix24Client.Auth;

namespace WineB24.Bitrix24App.Portals;

/// <summary>
/// The SDK's token store over the portal table. Refreshed pairs are written with a compare-and-swap on the stored
/// refresh token (checked under the row's <see cref="PortalRecord.TokenVersion"/>), so across workers and instances
/// an older pair can never overwrite a newer one.
/// </summary>
public sealed class EfTokenStore(IDbContextFactory<AppDbContext> dbFactory, PortalSecrets secrets, TimeProvider time, ILogger<EfTokenStore> logger) : ITokenStore
{
    private const int MaxSwapAttempts = 5;

    public async Task<PortalTokens?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var portal = await db.Portals.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        return ToTokens(portal);
    }

    public async Task<PortalTokens> SaveRefreshedAsync(string memberId, string previousRefreshToken, PortalTokens refreshed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxSwapAttempts; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var portal = await db.Portals.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken)
                ?? throw new InvalidOperationException($"Portal {memberId} is not known; refreshed tokens were not stored.");
            var current = ToTokens(portal)
                ?? throw new InvalidOperationException($"Portal {memberId} is uninstalled; refreshed tokens were not stored.");
            if (!string.Equals(current.RefreshToken, previousRefreshToken, StringComparison.Ordinal))
            {
                logger.LogInformation("Refreshed tokens for {MemberId} not stored: another worker already rotated the pair", memberId);
                return current;
            }

            var version = portal.TokenVersion;
            var access = secrets.Seal(refreshed.AccessToken);
            var refresh = secrets.Seal(refreshed.RefreshToken);
            var endpoint = refreshed.ClientEndpoint.ToString();
            var now = time.GetUtcNow();
            var written = await db.Portals
                .Where(p => p.MemberId == memberId && p.TokenVersion == version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.AccessTokenSealed, access)
                    .SetProperty(p => p.RefreshTokenSealed, refresh)
                    .SetProperty(p => p.AccessTokenExpiresAt, refreshed.ExpiresAt)
                    .SetProperty(p => p.ClientEndpoint, endpoint)
                    .SetProperty(p => p.NeedsAttentionCode, (string?)null)
                    .SetProperty(p => p.NeedsAttentionDescription, (string?)null)
                    .SetProperty(p => p.UpdatedAt, now)
                    .SetProperty(p => p.TokenVersion, version + 1), cancellationToken);
            if (written == 1)
            {
                return refreshed;
            }
            // Another writer bumped the version between our read and write: re-read and decide again.
        }
        throw new InvalidOperationException($"Tokens of portal {memberId} kept changing under concurrent writers.");
    }

    public async Task MarkNeedsAttentionAsync(string memberId, string errorCode, string description, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Portals.Where(p => p.MemberId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.NeedsAttentionCode, Truncate(errorCode, 64))
            .SetProperty(p => p.NeedsAttentionDescription, description)
            .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        logger.LogWarning("Portal {MemberId} needs an administrator's attention: {ErrorCode} {Description}", memberId, errorCode, description);
    }

    private PortalTokens? ToTokens(PortalRecord? portal)
    {
        if (portal is null || !portal.Installed || portal.AccessTokenSealed is null || portal.RefreshTokenSealed is null)
        {
            return null;
        }
        return new PortalTokens(
            portal.MemberId,
            new Uri(portal.ClientEndpoint),
            secrets.Unseal(portal.AccessTokenSealed)!,
            secrets.Unseal(portal.RefreshTokenSealed)!,
            portal.AccessTokenExpiresAt ?? DateTimeOffset.MinValue);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
