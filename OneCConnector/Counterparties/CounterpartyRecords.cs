using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WineB24.OneCConnector.Counterparties;

// Times are Unix milliseconds, as in the rest of OneCDbContext.

/// <summary>Which company (and requisite) stands for a 1C counterparty, and the card state last written to it.</summary>
public sealed class CounterpartyLinkRecord
{
    public required string MemberId { get; set; }
    public required string OneCId { get; set; }
    public long CompanyId { get; set; }
    public long? RequisiteId { get; set; }
    /// <summary>SHA-256 of the card last applied; an identical card costs no Bitrix24 call.</summary>
    public required string CardHash { get; set; }
    /// <summary>
    /// JSON of <see cref="OwnedContacts"/>: the phones/e-mails that are 1C's on the company. Null on links stored before
    /// it was kept (ownership then taken from the company at the next change).
    /// </summary>
    public string? ContactsOwned { get; set; }
    public long UpdatedAt { get; set; }
}

/// <summary>
/// Something from 1C that was not written because a person must decide (INN+KPP on two companies, INN mismatch,
/// bad checksum, unknown order status …). One row per portal, subject and 1C id; <see cref="LastSeenAt"/> moves on
/// every repeat so the list shows what is still arriving.
/// </summary>
public sealed class ReviewRecord
{
    public required string MemberId { get; set; }
    /// <summary><c>counterparty</c> or <c>order</c>.</summary>
    public required string Subject { get; set; }
    public required string OneCId { get; set; }
    public required string ReasonCode { get; set; }
    /// <summary>Readable reason, Russian then English.</summary>
    public required string Reason { get; set; }
    public required string Payload { get; set; }
    public long FirstSeenAt { get; set; }
    public long LastSeenAt { get; set; }
}

internal sealed class CounterpartyLinkConfiguration : IEntityTypeConfiguration<CounterpartyLinkRecord>
{
    public void Configure(EntityTypeBuilder<CounterpartyLinkRecord> e)
    {
        e.ToTable("onec_counterparty_links");
        e.HasKey(x => new { x.MemberId, x.OneCId }).HasName("pk_onec_counterparty_links");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.OneCId).HasColumnName("onec_id").HasMaxLength(200);
        e.Property(x => x.CompanyId).HasColumnName("company_id");
        e.Property(x => x.RequisiteId).HasColumnName("requisite_id");
        e.Property(x => x.CardHash).HasColumnName("card_hash").HasMaxLength(64);
        e.Property(x => x.ContactsOwned).HasColumnName("contacts_owned");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.HasIndex(x => new { x.MemberId, x.CompanyId }).HasDatabaseName("ix_onec_counterparty_links_company");
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<ReviewRecord>
{
    public void Configure(EntityTypeBuilder<ReviewRecord> e)
    {
        e.ToTable("onec_review");
        e.HasKey(x => new { x.MemberId, x.Subject, x.OneCId }).HasName("pk_onec_review");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.Subject).HasColumnName("subject").HasMaxLength(32);
        e.Property(x => x.OneCId).HasColumnName("onec_id").HasMaxLength(200);
        e.Property(x => x.ReasonCode).HasColumnName("reason_code").HasMaxLength(64);
        e.Property(x => x.Reason).HasColumnName("reason");
        e.Property(x => x.Payload).HasColumnName("payload");
        e.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
        e.Property(x => x.LastSeenAt).HasColumnName("last_seen_at");
    }
}
