using Microsoft.EntityFrameworkCore;
using WineB24.OneCConnector.Counterparties;
using WineB24.OneCConnector.Deals;
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
    public DbSet<CounterpartyLinkRecord> CounterpartyLinks => Set<CounterpartyLinkRecord>();
    public DbSet<ReviewRecord> Review => Set<ReviewRecord>();
    public DbSet<StageMapRecord> StageMap => Set<StageMapRecord>();
    public DbSet<DealLinkRecord> DealLinks => Set<DealLinkRecord>();
    public DbSet<CompanyQueueRecord> CompanyQueue => Set<CompanyQueueRecord>();
    public DbSet<SaleInboxRecord> SaleInbox => Set<SaleInboxRecord>();
    public DbSet<ODataConnectionRecord> ODataConnections => Set<ODataConnectionRecord>();
    public DbSet<ReceivableRecord> Receivables => Set<ReceivableRecord>();
    public DbSet<FailedFileRecord> FailedFiles => Set<FailedFileRecord>();
    public DbSet<LoginFailureRecord> LoginFailures => Set<LoginFailureRecord>();
    public DbSet<CatalogueItemRecord> CatalogueItems => Set<CatalogueItemRecord>();
    public DbSet<PortalLeaseRecord> PortalLeases => Set<PortalLeaseRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Feature tables are configured in their feature folders (Counterparties/, Deals/).
        modelBuilder.ApplyConfiguration(new CounterpartyLinkConfiguration());
        modelBuilder.ApplyConfiguration(new ReviewConfiguration());
        modelBuilder.ApplyConfiguration(new StageMapConfiguration());
        modelBuilder.ApplyConfiguration(new DealLinkConfiguration());
        modelBuilder.ApplyConfiguration(new CompanyQueueConfiguration());
        modelBuilder.ApplyConfiguration(new SaleInboxConfiguration());
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
            e.Property(x => x.ExchangeType).HasColumnName("exchange_type").HasMaxLength(64);
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
            e.Property(x => x.ExchangeType).HasColumnName("exchange_type").HasMaxLength(64);
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
            e.Property(x => x.ReplayOf).HasColumnName("replay_of").HasMaxLength(64);
            e.Property(x => x.AwaitingBitrix24).HasColumnName("awaiting_bitrix24");
            e.Property(x => x.AwaitingSince).HasColumnName("awaiting_since");
            e.Property(x => x.AppliedAt).HasColumnName("applied_at");
            e.HasIndex(x => new { x.MemberId, x.StartedAt }).HasDatabaseName("ix_onec_journal_member_started");
            // Almost every row is 0: "awaiting_bitrix24 > 0" seeks the handful of sessions still waiting for Bitrix24.
            e.HasIndex(x => new { x.AwaitingBitrix24, x.MemberId }).HasDatabaseName("ix_onec_journal_awaiting");
            // Serves "last successful exchange" as an index seek per status instead of scanning recent sessions.
            e.HasIndex(x => new { x.MemberId, x.Status, x.StartedAt }).HasDatabaseName("ix_onec_journal_member_status_started");
        });
        modelBuilder.Entity<FailedFileRecord>(e =>
        {
            e.ToTable("onec_failed_files");
            e.HasKey(x => x.Id).HasName("pk_onec_failed_files");
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.SessionId).HasColumnName("session_id").HasMaxLength(64);
            e.Property(x => x.JournalId).HasColumnName("journal_id").HasMaxLength(64);
            e.Property(x => x.ExchangeType).HasColumnName("exchange_type").HasMaxLength(64);
            e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(1000);
            e.Property(x => x.FailedAt).HasColumnName("failed_at");
            e.Property(x => x.Reason).HasColumnName("reason");
            e.Property(x => x.Bytes).HasColumnName("bytes");
            e.Property(x => x.Kept).HasColumnName("kept");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.ReplayStartedAt).HasColumnName("replay_started_at");
            e.Property(x => x.ResolvedAt).HasColumnName("resolved_at");
            e.HasIndex(x => new { x.MemberId, x.FailedAt }).HasDatabaseName("ix_onec_failed_files_member_failed");
        });
        modelBuilder.Entity<LoginFailureRecord>(e =>
        {
            e.ToTable("onec_login_failures");
            e.HasKey(x => x.Key).HasName("pk_onec_login_failures");
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(300);
            e.Property(x => x.Failures).HasColumnName("failures");
            e.Property(x => x.LastFailureAt).HasColumnName("last_failure_at");
            e.Property(x => x.LockedUntil).HasColumnName("locked_until");
            e.HasIndex(x => x.LastFailureAt).HasDatabaseName("ix_onec_login_failures_last_failure");
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
        PortalLeaseRecord.Configure(modelBuilder);
        ODataModel(modelBuilder);
    }

    private static void ODataModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ODataConnectionRecord>(e =>
        {
            e.ToTable("onec_odata_connections");
            e.HasKey(x => x.MemberId).HasName("pk_onec_odata_connections");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.Url).HasColumnName("url").HasMaxLength(1000);
            e.Property(x => x.Login).HasColumnName("login").HasMaxLength(255);
            e.Property(x => x.ProtectedPassword).HasColumnName("protected_password");
            e.Property(x => x.Configuration).HasColumnName("configuration").HasMaxLength(16);
            e.Property(x => x.ReceivablesEveryMinutes).HasColumnName("receivables_every_minutes");
            e.Property(x => x.CounterpartiesEveryMinutes).HasColumnName("counterparties_every_minutes");
            e.Property(x => x.StockEveryMinutes).HasColumnName("stock_every_minutes");
            e.Property(x => x.Names).HasColumnName("names");
            e.Property(x => x.AuthFailedFingerprint).HasColumnName("auth_failed_fingerprint").HasMaxLength(64);
            e.Property(x => x.AuthFailedAt).HasColumnName("auth_failed_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<ReceivableRecord>(e =>
        {
            e.ToTable("onec_receivables");
            e.HasKey(x => new { x.MemberId, x.CounterpartyId }).HasName("pk_onec_receivables");
            e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
            e.Property(x => x.CounterpartyId).HasColumnName("counterparty_id").HasMaxLength(64);
            e.Property(x => x.Debt).HasColumnName("debt");
            e.Property(x => x.Overdue).HasColumnName("overdue");
            e.Property(x => x.OverdueSince).HasColumnName("overdue_since").HasMaxLength(10);
            e.Property(x => x.CreditLimit).HasColumnName("credit_limit");
            e.Property(x => x.ValuesHash).HasColumnName("values_hash").HasMaxLength(128);
            e.Property(x => x.PushedHash).HasColumnName("pushed_hash").HasMaxLength(128);
            e.Property(x => x.CompanyId).HasColumnName("company_id");
            e.Property(x => x.AsOf).HasColumnName("as_of");
            e.Property(x => x.ChangedAt).HasColumnName("changed_at");
        });
    }
}
