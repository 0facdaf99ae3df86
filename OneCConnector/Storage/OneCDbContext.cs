using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Catalogue;

namespace WineB24.OneCConnector.Storage;

/// <summary>
/// The connector's own tables in the app's database, with their own migrations history table so the schema
/// evolves independently of <c>AppDbContext</c>. Every table carries <c>member_id</c>.
/// </summary>
public sealed class OneCDbContext(DbContextOptions<OneCDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__OneCMigrationsHistory";

    public DbSet<ExchangeCredentialRecord> Credentials => Set<ExchangeCredentialRecord>();
    public DbSet<ExchangeSessionRecord> Sessions => Set<ExchangeSessionRecord>();
    public DbSet<ExchangeJournalRecord> Journal => Set<ExchangeJournalRecord>();
    public DbSet<StockRecord> Stocks => Set<StockRecord>();
    public DbSet<PriceRecord> Prices => Set<PriceRecord>();
    public DbSet<PriceTypeRecord> PriceTypes => Set<PriceTypeRecord>();
    public DbSet<WarehouseRecord> Warehouses => Set<WarehouseRecord>();
    public DbSet<CatalogueItemRecord> CatalogueItems => Set<CatalogueItemRecord>();
    public DbSet<CataloguePushLeaseRecord> PushLeases => Set<CataloguePushLeaseRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ExchangeCredentialRecord>(e =>
        {
            e.ToTable("onec_credentials");
            e.HasKey(x => x.MemberId).HasName("pk_onec_credentials");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.Login).HasColumnName("login").HasMaxLength(64);
            e.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(128);
            e.Property(x => x.PasswordSalt).HasColumnName("password_salt").HasMaxLength(64);
            e.Property(x => x.Iterations).HasColumnName("iterations");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.HasIndex(x => x.Login).IsUnique().HasDatabaseName("ix_onec_credentials_login");
        });
        modelBuilder.Entity<ExchangeSessionRecord>(e =>
        {
            e.ToTable("onec_sessions");
            e.HasKey(x => x.Id).HasName("pk_onec_sessions");
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.ExchangeType).HasColumnName("exchange_type").HasMaxLength(16);
            e.Property(x => x.SessId).HasColumnName("sessid").HasMaxLength(64);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.LastSeenAt).HasColumnName("last_seen_at");
            e.Property(x => x.ProtocolVersion).HasColumnName("protocol_version").HasMaxLength(16);
            e.Property(x => x.JournalId).HasColumnName("journal_id").HasMaxLength(64);
            e.Property(x => x.PendingExport).HasColumnName("pending_export");
            e.HasIndex(x => x.MemberId).HasDatabaseName("ix_onec_sessions_member_id");
        });
        modelBuilder.Entity<ExchangeJournalRecord>(e =>
        {
            e.ToTable("onec_journal");
            e.HasKey(x => x.Id).HasName("pk_onec_journal");
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.SessionId).HasColumnName("session_id").HasMaxLength(64);
            e.Property(x => x.ExchangeType).HasColumnName("exchange_type").HasMaxLength(16);
            e.Property(x => x.StartedAt).HasColumnName("started_at");
            e.Property(x => x.FinishedAt).HasColumnName("finished_at");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.Files).HasColumnName("files");
            e.Property(x => x.Products).HasColumnName("products");
            e.Property(x => x.Offers).HasColumnName("offers");
            e.Property(x => x.Prices).HasColumnName("prices");
            e.Property(x => x.Stocks).HasColumnName("stocks");
            e.Property(x => x.Documents).HasColumnName("documents");
            e.Property(x => x.Counterparties).HasColumnName("counterparties");
            e.Property(x => x.Changes).HasColumnName("changes");
            e.Property(x => x.Errors).HasColumnName("errors");
            e.HasIndex(x => new { x.MemberId, x.StartedAt }).HasDatabaseName("ix_onec_journal_member_started");
        });
        modelBuilder.Entity<StockRecord>(e =>
        {
            e.ToTable("onec_stock");
            e.HasKey(x => new { x.MemberId, x.OfferId, x.WarehouseId }).HasName("pk_onec_stock");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.OfferId).HasColumnName("offer_id").HasMaxLength(200);
            e.Property(x => x.ProductId).HasColumnName("product_id").HasMaxLength(200);
            e.Property(x => x.WarehouseId).HasColumnName("warehouse_id").HasMaxLength(200);
            e.Property(x => x.Quantity).HasColumnName("quantity");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.HasIndex(x => new { x.MemberId, x.ProductId }).HasDatabaseName("ix_onec_stock_member_product");
        });
        modelBuilder.Entity<PriceRecord>(e =>
        {
            e.ToTable("onec_prices");
            e.HasKey(x => new { x.MemberId, x.OfferId, x.PriceTypeId }).HasName("pk_onec_prices");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.OfferId).HasColumnName("offer_id").HasMaxLength(200);
            e.Property(x => x.ProductId).HasColumnName("product_id").HasMaxLength(200);
            e.Property(x => x.PriceTypeId).HasColumnName("price_type_id").HasMaxLength(200);
            e.Property(x => x.Price).HasColumnName("price");
            e.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(16);
            e.Property(x => x.Unit).HasColumnName("unit").HasMaxLength(32);
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.HasIndex(x => new { x.MemberId, x.ProductId }).HasDatabaseName("ix_onec_prices_member_product");
        });
        modelBuilder.Entity<PriceTypeRecord>(e =>
        {
            e.ToTable("onec_price_types");
            e.HasKey(x => new { x.MemberId, x.Id }).HasName("pk_onec_price_types");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(200);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(255);
            e.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(16);
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<WarehouseRecord>(e =>
        {
            e.ToTable("onec_warehouses");
            e.HasKey(x => new { x.MemberId, x.Id }).HasName("pk_onec_warehouses");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(200);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(255);
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        CatalogueItemRecord.Configure(modelBuilder);
        CataloguePushLeaseRecord.Configure(modelBuilder);
    }
}
