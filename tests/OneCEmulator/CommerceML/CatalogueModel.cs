namespace WineB24.OneCEmulator.CommerceML;

public sealed record GroupSpec(string Id, string Name, string? ParentId);

/// <summary>A 1C property; <see cref="Options"/> non-empty means a <c>Справочник</c> (values are option ids).</summary>
public sealed record PropertySpec(string Id, string Name, string ValueType, IReadOnlyList<(string Id, string Text)> Options);

public sealed record PriceTypeSpec(string Id, string Name, string Currency);

public sealed record WarehouseSpec(string Id, string Name, string Address);

/// <summary>
/// A 1C characteristic of a product (vintage, bottle size…): an offer <c>P#C</c> with its own
/// <c>ХарактеристикиТовара</c> (name/value pairs), a price per price type and a stock per warehouse.
/// </summary>
public sealed class VariantSpec
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<(string Name, string Value)> Characteristics { get; init; }
    public required decimal[] Prices { get; init; }
    public required decimal[] Stock { get; init; }

    public VariantSpec Clone() => new()
    {
        Id = Id, Name = Name, Characteristics = Characteristics, Prices = (decimal[])Prices.Clone(), Stock = (decimal[])Stock.Clone(),
    };
}

/// <summary>
/// One SKU: its card, a price per price type and a stock per warehouse (same order as the model's lists). A product
/// with <see cref="Variants"/> is offered only through them (as УТ 11 does with characteristics): its own
/// <see cref="Prices"/> and <see cref="Stock"/> are not written.
/// </summary>
public sealed class ProductSpec
{
    public required string Id { get; init; }
    public required string Article { get; init; }
    public required string Name { get; init; }
    public required string GroupId { get; init; }
    public required Dictionary<string, string> Values { get; init; }
    public required decimal[] Prices { get; init; }
    public required decimal[] Stock { get; init; }
    public bool Deleted { get; set; }
    public IReadOnlyList<VariantSpec> Variants { get; init; } = [];

    public ProductSpec Clone() => new()
    {
        Id = Id, Article = Article, Name = Name, GroupId = GroupId, Values = new Dictionary<string, string>(Values),
        Prices = (decimal[])Prices.Clone(), Stock = (decimal[])Stock.Clone(), Deleted = Deleted,
        Variants = Variants.Select(v => v.Clone()).ToList(),
    };
}

/// <summary>A 1C catalogue as the writers put it into CommerceML files.</summary>
public sealed class CatalogueModel
{
    public required string ClassifierId { get; init; }
    public required string CatalogId { get; init; }
    public required IReadOnlyList<GroupSpec> Groups { get; init; }
    public required IReadOnlyList<PropertySpec> Properties { get; init; }
    public required IReadOnlyList<PriceTypeSpec> PriceTypes { get; init; }
    public required IReadOnlyList<WarehouseSpec> Warehouses { get; init; }
    public required List<ProductSpec> Products { get; init; }

    public CatalogueModel Clone() => new()
    {
        ClassifierId = ClassifierId, CatalogId = CatalogId, Groups = Groups, Properties = Properties, PriceTypes = PriceTypes,
        Warehouses = Warehouses, Products = Products.Select(p => p.Clone()).ToList(),
    };
}
