using Microsoft.EntityFrameworkCore;

namespace WineB24.OneCConnector.Storage;

/// <summary>Who runs one kind of background work for a portal right now (one row per portal and purpose).</summary>
public sealed class PortalLeaseRecord
{
    public required string MemberId { get; set; }
    public required string Purpose { get; set; }
    public required string Holder { get; set; }
    public long ExpiresAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PortalLeaseRecord>(e =>
    {
        e.ToTable("onec_portal_leases");
        e.HasKey(x => new { x.MemberId, x.Purpose }).HasName("pk_onec_portal_leases");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(32);
        e.Property(x => x.Holder).HasColumnName("holder").HasMaxLength(128);
        e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
    });
}

/// <summary>
/// With several app instances (PostgreSQL, scale-out) two background workers could process the same portal at once
/// (both push a catalogue item that does not exist yet, both apply one sale inbox row). A lease in the shared
/// database lets one holder work on a portal's <c>purpose</c>; the holder renews it as it goes and it expires by
/// itself if the holder dies. Purposes are independent: a portal's catalogue push and its sale inbox run side by side.
/// </summary>
public sealed class PortalLease(IDbContextFactory<OneCDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    /// <summary>Purpose of the catalogue pusher (Catalogue/CataloguePusher).</summary>
    public const string CataloguePush = "catalogue";

    /// <summary>Purpose of the sale inbox (Deals/SaleInbox).</summary>
    public const string SaleInbox = "sale";

    /// <summary>A holder name for one run: runs in the same process exclude each other too.</summary>
    public static string NewHolder() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes or renews the portal's <paramref name="purpose"/> lease for <paramref name="holder"/>; false while another live holder has it.</summary>
    public async Task<bool> TryAcquireAsync(string memberId, string purpose, string holder, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)Duration.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db.PortalLeases
            .Where(l => l.MemberId == memberId && l.Purpose == purpose && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1)
        {
            return true;
        }
        db.PortalLeases.Add(new PortalLeaseRecord { MemberId = memberId, Purpose = purpose, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the row exists and a live holder has it
        }
    }

    public async Task ReleaseAsync(string memberId, string purpose, string holder, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PortalLeases.Where(l => l.MemberId == memberId && l.Purpose == purpose && l.Holder == holder).ExecuteDeleteAsync(ct);
    }
}
