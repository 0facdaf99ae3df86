using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// Rules checked over the whole file before anything is applied: offers may only reference price types and
/// warehouses that this file or an earlier exchange declared; a document needs an id or a number; then the features'
/// own <see cref="IImportRule"/>s (a legal entity without ИНН, say).
/// </summary>
internal sealed class ImportValidation(IReadOnlySet<string> knownPriceTypes, IReadOnlySet<string> knownWarehouses, IReadOnlyList<IImportRule> rules)
{
    private readonly HashSet<string> priceTypes = new(knownPriceTypes, StringComparer.Ordinal);
    private readonly HashSet<string> warehouses = new(knownWarehouses, StringComparer.Ordinal);

    /// <summary>Null when the record is acceptable, else a Russian reason.</summary>
    public string? Check(CommerceMLRecord record)
    {
        switch (record)
        {
            case PriceType p:
                priceTypes.Add(p.Id.Value);
                break;
            case Warehouse w:
                warehouses.Add(w.Id.Value);
                break;
            case Offer o:
                foreach (var price in o.Prices)
                {
                    if (!priceTypes.Contains(price.PriceTypeId))
                    {
                        return $"Предложение {o.Id}: неизвестный тип цены «{price.PriceTypeId}» (его нет в классификаторе).";
                    }
                }
                foreach (var stock in o.Stocks)
                {
                    if (!warehouses.Contains(stock.WarehouseId))
                    {
                        return $"Предложение {o.Id}: неизвестный склад «{stock.WarehouseId}» (его нет в классификаторе).";
                    }
                }
                break;
            case OrderDocument d when d.Id is null && d.Number is null:
                return "Документ без идентификатора (Ид) и номера.";
        }
        foreach (var rule in rules)
        {
            if (rule.Check(record) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }
}
