using System.Text;
using Microsoft.EntityFrameworkCore;

namespace WineB24.Bitrix24App.Storage;

/// <summary>
/// The app's own tables: portals (with sealed tokens), inbound events and registration state.
/// Schema changes go through the hand-written migrations in <c>Storage/Migrations</c>.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__AppMigrationsHistory";

    public DbSet<PortalRecord> Portals => Set<PortalRecord>();
    public DbSet<InboundEventRecord> InboundEvents => Set<InboundEventRecord>();
    public DbSet<RegistrationRecord> Registrations => Set<RegistrationRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Unix milliseconds: one portable, orderable representation on SQLite and PostgreSQL alike.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PortalRecord>(portal =>
        {
            portal.ToTable("portals");
            portal.HasKey(p => p.MemberId);
            portal.Property(p => p.MemberId).HasMaxLength(64);
            portal.Property(p => p.Domain).HasMaxLength(255);
            portal.Property(p => p.ClientEndpoint).HasMaxLength(512);
            portal.Property(p => p.Language).HasMaxLength(8);
            portal.Property(p => p.AppStatus).HasMaxLength(8);
            portal.Property(p => p.License).HasMaxLength(64);
            portal.Property(p => p.LicenseFamily).HasMaxLength(64);
            portal.Property(p => p.Plan).HasMaxLength(16);
            portal.Property(p => p.NeedsAttentionCode).HasMaxLength(64);
            portal.Property(p => p.TokenVersion).IsConcurrencyToken();
        });

        modelBuilder.Entity<InboundEventRecord>(inbound =>
        {
            inbound.ToTable("inbound_events");
            inbound.HasKey(e => e.Id);
            inbound.Property(e => e.Id).ValueGeneratedOnAdd();
            inbound.Property(e => e.MemberId).HasMaxLength(64);
            inbound.Property(e => e.EventName).HasMaxLength(128);
            inbound.Property(e => e.Status).HasMaxLength(16);
            inbound.HasIndex(e => new { e.MemberId, e.Status }).HasDatabaseName("ix_inbound_events_member_id_status");
        });

        modelBuilder.Entity<RegistrationRecord>(registration =>
        {
            registration.ToTable("portal_registrations");
            registration.HasKey(r => new { r.MemberId, r.Kind, r.Key });
            registration.Property(r => r.MemberId).HasMaxLength(64);
            registration.Property(r => r.Kind).HasMaxLength(16);
            registration.Property(r => r.Key).HasMaxLength(255);
            registration.Property(r => r.DefinitionHash).HasMaxLength(64);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName($"pk_{entity.GetTableName()}");
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
