using Microsoft.EntityFrameworkCore;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// One thing the catalogue mapping keeps in Bitrix24 (a section, property, store, product card, variation, quantity or
/// price), keyed by its 1C identity. <see cref="Desired"/> is what 1C last said; it is pending while
/// <see cref="PushedHash"/> differs from <see cref="DesiredHash"/>. <see cref="BitrixId"/> is set the moment an add
/// succeeds, and a pending row without it is first looked up by xmlId, so a crash never creates a duplicate.
/// </summary>
public sealed class CatalogueItemRecord
{
    public required string MemberId { get; set; }
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public long? BitrixId { get; set; }
    public required string Desired { get; set; }
    public required string DesiredHash { get; set; }
    public string? PushedHash { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public long UpdatedAt { get; set; }

    /// <summary>When a 1C catalogue file last listed this product (unix ms); a full snapshot deactivates older ones.</summary>
    public long? SeenAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CatalogueItemRecord>(e =>
    {
        e.ToTable("onec_catalogue_items");
        e.HasKey(x => new { x.MemberId, x.Kind, x.Key }).HasName("pk_onec_catalogue_items");
        e.Property(x => x.MemberId).HasColumnName("member_id").HasMaxLength(64);
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
        e.Property(x => x.Key).HasColumnName("item_key").HasMaxLength(300);
        e.Property(x => x.BitrixId).HasColumnName("bitrix_id");
        e.Property(x => x.Desired).HasColumnName("desired");
        e.Property(x => x.DesiredHash).HasColumnName("desired_hash").HasMaxLength(64);
        e.Property(x => x.PushedHash).HasColumnName("pushed_hash").HasMaxLength(64);
        e.Property(x => x.Attempts).HasColumnName("attempts");
        e.Property(x => x.LastError).HasColumnName("last_error");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.SeenAt).HasColumnName("seen_at");
    });
}

/// <summary>The kinds, in push order: what a later kind refers to is pushed first.</summary>
public static class CatalogueKinds
{
    /// <summary>1C property definitions, kept to resolve product values; never pushed.</summary>
    public const string SourceProperty = "source-property";
    /// <summary>A 1C session that sent a full catalogue (key = session id); settled by <see cref="SnapshotDeactivation"/>, never pushed.</summary>
    public const string Snapshot = "snapshot";
    /// <summary>A 1C session that sent a full offers package (key = session id): variations it left out become inactive.</summary>
    public const string OfferSnapshot = "offer-snapshot";
    /// <summary>A list value of a wine property (key = property code + "|" + value text).</summary>
    public const string PropertyValue = "property-value";
    public const string Section = "section";
    public const string Property = "property";
    public const string Store = "store";
    public const string Product = "product";
    /// <summary>A 1C variant offer <c>product#characteristic</c> (key = the full 1C id) → a Bitrix24 variation of its product.</summary>
    public const string Variation = "variation";
    public const string Quantity = "quantity";
    public const string Price = "price";
}
