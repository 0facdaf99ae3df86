using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>Who pushes a portal's catalogue right now (one row per portal).</summary>
public sealed class CataloguePushLeaseRecord
{
    public required string MemberId { get; set; }
    public required string Holder { get; set; }
    public long ExpiresAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CataloguePushLeaseRecord>(e =>
    {
        e.ToTable("onec_catalogue_push_leases");
        e.HasKey(x => x.MemberId).HasName("pk_onec_catalogue_push_leases");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.Holder).HasColumnName("holder").HasMaxLength(128);
        e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
    });
}

/// <summary>
/// With several app instances (PostgreSQL, scale-out) two workers could push the same portal at once: both would look
/// an item up, find nothing and both add it. A lease in the shared database lets one instance push a portal; it is
/// renewed after every chunk and expires by itself if its holder dies.
/// </summary>
public sealed class CataloguePushLease(IDbContextFactory<OneCDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    /// <summary>A holder name for one push run: runs in the same process exclude each other too.</summary>
    public static string NewHolder() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes or renews the portal's lease for <paramref name="holder"/>; false while another live holder has it.</summary>
    public async Task<bool> TryAcquireAsync(string memberId, string holder, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)Duration.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db.PushLeases.Where(l => l.MemberId == memberId && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1)
        {
            return true;
        }
        db.PushLeases.Add(new CataloguePushLeaseRecord { MemberId = memberId, Holder = holder, ExpiresAt = until });
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

    public async Task ReleaseAsync(string memberId, string holder, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PushLeases.Where(l => l.MemberId == memberId && l.Holder == holder).ExecuteDeleteAsync(ct);
    }
}
