using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>What a file contains, counted during the validating pass.</summary>
public sealed record ImportCounts(
    int Groups, int Properties, int PriceTypes, int Warehouses, int Products, int Offers, int Prices, int Stocks, int Documents, int Counterparties)
{
    public static ImportCounts Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public bool HasCatalogContent => Groups + Properties + PriceTypes + Warehouses + Products + Offers > 0;

    public bool HasOrderContent => Documents + Counterparties > 0;

    public ImportCounts Add(CommerceMLRecord record) => record switch
    {
        ProductGroup => this with { Groups = Groups + 1 },
        PropertyDefinition => this with { Properties = Properties + 1 },
        PriceType => this with { PriceTypes = PriceTypes + 1 },
        Warehouse => this with { Warehouses = Warehouses + 1 },
        Product => this with { Products = Products + 1 },
        Offer o => this with { Offers = Offers + 1, Prices = Prices + o.Prices.Count, Stocks = Stocks + (o.Stocks.Count > 0 ? o.Stocks.Count : o.HasStock ? 1 : 0) },
        OrderDocument => this with { Documents = Documents + 1 },
        Counterparty => this with { Counterparties = Counterparties + 1 },
        _ => this,
    };
}
