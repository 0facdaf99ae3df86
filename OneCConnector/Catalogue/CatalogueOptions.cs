using System.ComponentModel.DataAnnotations;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>
/// Settings of the 1C → Bitrix24 catalogue mapping (section <c>OneC:Catalogue</c>). Wine properties default to
/// <see cref="WineProperties.Defaults"/>; price types map per portal, else the 1C price type named
/// <see cref="BasePriceTypeName"/> goes to the portal's base price type and the others stay in our database only.
/// </summary>
public sealed class CatalogueOptions : IValidatableObject
{
    public const string Section = "OneC:Catalogue";

    /// <summary>Off = 1C data stays in the connector's tables and nothing is written to Bitrix24.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Push a product's total stock as its <c>quantity</c> (only while the portal's inventory management is off).</summary>
    public bool PushQuantity { get; set; } = true;

    [Required]
    public string BasePriceTypeName { get; set; } = "Розничная";

    /// <summary>How often pending rows (left by a crash or a Bitrix24 error) are retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many portals are pushed at the same time (each portal still one push at a time, under its lease). Bitrix24's
    /// limits are per portal, so portals do not slow each other down; this bounds the app's own load (connections,
    /// database writes, memory). The sale inbox has its own limit (<c>OneC:SaleInbox:MaxConcurrentPortals</c>).
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentPortals { get; set; } = 4;

    /// <summary>
    /// Bitrix24 property code → 1C property or requisite names (case-insensitive), e.g.
    /// <c>"WINE_GRAPE": ["Сорт винограда", "Виноград"]</c>. Replaces the default names of the codes it lists.
    /// </summary>
    public Dictionary<string, List<string>> PropertyNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, CataloguePortalOptions> Portals { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var code in PropertyNames.Keys.Where(c => WineProperties.Defaults.All(d => !string.Equals(d.Code, c, StringComparison.OrdinalIgnoreCase))))
        {
            yield return new ValidationResult($"OneC:Catalogue:PropertyNames: unknown property code {code}", [nameof(PropertyNames)]);
        }
        foreach (var (member, portal) in Portals)
        {
            foreach (var (priceType, id) in portal.PriceTypes.Where(p => p.Value <= 0))
            {
                yield return new ValidationResult($"OneC:Catalogue:Portals:{member}:PriceTypes:{priceType} must be a Bitrix24 price type id > 0", [nameof(Portals)]);
            }
        }
    }

    public CataloguePortalOptions For(string memberId) => Portals.GetValueOrDefault(memberId) ?? new CataloguePortalOptions();
}

public sealed class CataloguePortalOptions
{
    /// <summary>1C price type (Ид or name) → Bitrix24 price type id (<c>catalog.priceType.list</c>).</summary>
    public Dictionary<string, int> PriceTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Overrides <see cref="CatalogueOptions.PushQuantity"/> for this portal.</summary>
    public bool? PushQuantity { get; set; }
}
