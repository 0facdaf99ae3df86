using System.Xml.Linq;

namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>Maps <c>Предложение</c>, reading every stock shape seen in 2.03–3.1 files.</summary>
internal static class OfferMapping
{
    public static Offer Offer(XElement e)
    {
        var id = e.RequiredId("Предложение");
        // 2.09 deltas may carry the characteristic separately instead of as "product#characteristic".
        if (!id.Value.Contains('#', StringComparison.Ordinal) && e.Text("ИдХарактеристики") is { } characteristic)
        {
            id = new OneCId(id.Value + "#" + characteristic);
        }
        var pricesElement = e.Child("Цены");
        var prices = pricesElement?.Children("Цена").Select(p => Price(p, id)).ToList() ?? [];

        decimal? total = e.Decimal("Количество");
        var stocks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var hasStock = total is not null;

        // (b) 2.05–2.09: <Склад ИдСклада="…" КоличествоНаСкладе="…"/>, repeated; 2.09 deltas name the element
        // <Склады> with the same attributes, and some writers nest <Склады><Склад …/></Склады>.
        var warehouseElements = e.Children("Склад")
            .Concat(e.Children("Склады").Where(s => s.Attribute("ИдСклада") is not null))
            .Concat(e.Grandchildren("Склады", "Склад"));
        foreach (var s in warehouseElements)
        {
            var warehouseId = s.Attr("ИдСклада") ?? s.Text("Ид");
            var quantity = CommerceMLValues.ParseDecimal(s.Attribute("КоличествоНаСкладе")?.Value ?? s.Element("Количество")?.Value, "КоличествоНаСкладе");
            if (warehouseId is null)
            {
                throw new CommerceMLFormatException($"Предложение {id}: склад без идентификатора (ИдСклада).");
            }
            Add(stocks, warehouseId, quantity ?? 0);
            hasStock = true;
        }

        // (c) 3.x <Остатки><Остаток><Склад><Ид/><Количество/></Склад></Остаток> and (d) <Остаток><Количество/> or a bare number.
        if (e.Child("Остатки") is { } rests)
        {
            hasStock = true;
            foreach (var rest in rests.Children("Остаток"))
            {
                var warehouses = rest.Children("Склад").ToList();
                foreach (var w in warehouses)
                {
                    var warehouseId = w.Text("Ид") ?? w.Attr("ИдСклада")
                        ?? throw new CommerceMLFormatException($"Предложение {id}: остаток по складу без идентификатора склада.");
                    Add(stocks, warehouseId, CommerceMLValues.ParseDecimal(w.Element("Количество")?.Value, "Количество") ?? 0);
                }
                if (warehouses.Count == 0)
                {
                    var quantity = rest.HasElements ? rest.Decimal("Количество") : CommerceMLValues.ParseDecimal(rest.Value, "Остаток");
                    total = (total ?? 0) + (quantity ?? 0);
                }
            }
            if (!rests.HasElements && CommerceMLValues.ParseDecimal(rests.Value, "Остатки") is { } bare)
            {
                total = bare;
            }
        }

        var stockList = stocks.Select(kv => new WarehouseStock(kv.Key, kv.Value)).ToList();
        if (total is null && stockList.Count > 0)
        {
            total = stockList.Sum(s => s.Quantity);
        }

        return new Offer(id, e.Text("Наименование"), e.Text("Артикул"), e.BaseUnit(), prices, pricesElement is not null,
            total, stockList, hasStock, e.PropertyValues(), e.NamedValues("ХарактеристикиТовара", "ХарактеристикаТовара"),
            e.Attr("Статус") ?? e.Text("Статус"), e.Flag("ПометкаУдаления"));
    }

    private static OfferPrice Price(XElement p, OneCId offerId)
    {
        var priceTypeId = p.Text("ИдТипаЦены")
            ?? throw new CommerceMLFormatException($"Предложение {offerId}: цена без типа цены (ИдТипаЦены).");
        var value = p.Decimal("ЦенаЗаЕдиницу")
            ?? throw new CommerceMLFormatException($"Предложение {offerId}: цена без значения (ЦенаЗаЕдиницу).");
        return new OfferPrice(priceTypeId, value, p.Text("Валюта"), p.Text("Единица"), p.Decimal("Коэффициент"));
    }

    private static void Add(Dictionary<string, decimal> stocks, string warehouseId, decimal quantity) =>
        stocks[warehouseId] = stocks.TryGetValue(warehouseId, out var existing) ? existing + quantity : quantity;
}
