using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// One row of a portal's stage map. A row with <see cref="OneCStatus"/> maps that 1C order status (normalised,
/// see <see cref="OrderStatusKey"/>) to a deal stage; <see cref="SendToOneC"/> marks the stage as "deals here go to 1C".
/// </summary>
public sealed class StageMapRecord
{
    public required string MemberId { get; set; }
    /// <summary>Normalised 1C status, or <c>&gt;</c> + stage id for a "send to 1C" row.</summary>
    public required string OneCStatus { get; set; }
    public long CategoryId { get; set; }
    public required string StageId { get; set; }
    public bool SendToOneC { get; set; }
    /// <summary>The status as the admin typed it or the default named it ("К выполнению"); null on rows saved before labels.</summary>
    public string? Label { get; set; }
}

/// <summary>A deal that goes to 1C as an order, or came back from it: ids both ways, export queue, last applied state.</summary>
public sealed class DealLinkRecord
{
    public required string MemberId { get; set; }
    public long DealId { get; set; }
    /// <summary>The order's <c>Ид</c> and <c>Номер</c> towards 1C (≤ 11 characters, УТ 11 stores the number in 11).</summary>
    public required string OrderNumber { get; set; }
    /// <summary>1C's own number (<c>Номер по 1С</c> / <c>Номер1С</c>) once 1C reported the order.</summary>
    public string? OneCNumber { get; set; }
    public long? CategoryId { get; set; }
    /// <summary>Set while the deal waits for 1C's <c>success</c>; null once confirmed.</summary>
    public long? QueuedAt { get; set; }
    /// <summary>The prepared order (JSON of <see cref="ExportedOrder"/>) that <c>mode=query</c> serves without calling Bitrix24.</summary>
    public string? Snapshot { get; set; }
    public long? ConfirmedAt { get; set; }
    /// <summary>SHA-256 of the 1C state last written to the deal.</summary>
    public string? StateHash { get; set; }
    public long UpdatedAt { get; set; }
}

/// <summary>A company the robot asked to create in 1C; it travels with its next order (the site protocol has no other way).</summary>
public sealed class CompanyQueueRecord
{
    public required string MemberId { get; set; }
    public long CompanyId { get; set; }
    public long QueuedAt { get; set; }
}

/// <summary>Work parsed from a 1C file, waiting for the background step that writes it into Bitrix24.</summary>
public sealed class SaleInboxRecord
{
    public required string Id { get; set; }
    public required string MemberId { get; set; }
    public required string Source { get; set; }
    /// <summary>JSON of <see cref="SaleInboxPayload"/>.</summary>
    public required string Payload { get; set; }
    public long CreatedAt { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class StageMapConfiguration : IEntityTypeConfiguration<StageMapRecord>
{
    public void Configure(EntityTypeBuilder<StageMapRecord> e)
    {
        e.ToTable("onec_stage_map");
        e.HasKey(x => new { x.MemberId, x.OneCStatus }).HasName("pk_onec_stage_map");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.OneCStatus).HasColumnName("onec_status").HasMaxLength(200);
        e.Property(x => x.CategoryId).HasColumnName("category_id");
        e.Property(x => x.StageId).HasColumnName("stage_id").HasMaxLength(64);
        e.Property(x => x.SendToOneC).HasColumnName("send_to_onec");
        e.Property(x => x.Label).HasColumnName("onec_status_label").HasMaxLength(200);
    }
}

internal sealed class DealLinkConfiguration : IEntityTypeConfiguration<DealLinkRecord>
{
    public void Configure(EntityTypeBuilder<DealLinkRecord> e)
    {
        e.ToTable("onec_deal_links");
        e.HasKey(x => new { x.MemberId, x.DealId }).HasName("pk_onec_deal_links");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.DealId).HasColumnName("deal_id");
        e.Property(x => x.OrderNumber).HasColumnName("order_number").HasMaxLength(11);
        e.Property(x => x.OneCNumber).HasColumnName("onec_number").HasMaxLength(64);
        e.Property(x => x.CategoryId).HasColumnName("category_id");
        e.Property(x => x.QueuedAt).HasColumnName("queued_at");
        e.Property(x => x.Snapshot).HasColumnName("snapshot");
        e.Property(x => x.ConfirmedAt).HasColumnName("confirmed_at");
        e.Property(x => x.StateHash).HasColumnName("state_hash").HasMaxLength(64);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.HasIndex(x => new { x.MemberId, x.OrderNumber }).IsUnique().HasDatabaseName("ix_onec_deal_links_number");
    }
}

internal sealed class CompanyQueueConfiguration : IEntityTypeConfiguration<CompanyQueueRecord>
{
    public void Configure(EntityTypeBuilder<CompanyQueueRecord> e)
    {
        e.ToTable("onec_company_queue");
        e.HasKey(x => new { x.MemberId, x.CompanyId }).HasName("pk_onec_company_queue");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.CompanyId).HasColumnName("company_id");
        e.Property(x => x.QueuedAt).HasColumnName("queued_at");
    }
}

internal sealed class SaleInboxConfiguration : IEntityTypeConfiguration<SaleInboxRecord>
{
    public void Configure(EntityTypeBuilder<SaleInboxRecord> e)
    {
        e.ToTable("onec_sale_inbox");
        e.HasKey(x => x.Id).HasName("pk_onec_sale_inbox");
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(64);
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(500);
        e.Property(x => x.Payload).HasColumnName("payload");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.Attempts).HasColumnName("attempts");
        e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
        e.Property(x => x.LastError).HasColumnName("last_error");
        e.HasIndex(x => new { x.MemberId, x.NextAttemptAt }).HasDatabaseName("ix_onec_sale_inbox_member_next");
    }
}
