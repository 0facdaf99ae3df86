using System.Globalization;
using System.Text.Json;
using WineB24.OneCConnector.CommerceML.Parsing;
using WineB24.OneCConnector.Counterparties;

namespace WineB24.OneCConnector.Deals;

public sealed record ExportedLine(string? ProductId, string Name, decimal Price, decimal Quantity, string? Unit);

/// <summary>
/// A deal prepared for 1C, stored with its link so <c>mode=query</c> answers from our database alone. The buyer is
/// the deal's company with its requisite, so 1C can create the counterparty ("заведение контрагента").
/// </summary>
public sealed record ExportedOrder(
    string Number,
    long DealId,
    DateTime Date,
    string Currency,
    decimal Sum,
    string? Comment,
    long? CompanyId,
    CounterpartyCard? Buyer,
    IReadOnlyList<ExportedLine> Lines)
{
    public string Serialize() => JsonSerializer.Serialize(this, CounterpartyCards.Json);

    public static ExportedOrder Deserialize(string json) =>
        JsonSerializer.Deserialize<ExportedOrder>(json) ?? throw new InvalidDataException("Empty order snapshot");

    /// <summary>The CommerceML document: <c>Ид</c> = <c>Номер</c> = our ≤ 11-character number, which 1C echoes back.</summary>
    public OrderDocument ToDocument()
    {
        var buyer = Buyer is null ? new List<Counterparty>() :
        [
            new Counterparty(new OneCId(Buyer.OneCId), Buyer.Name, Buyer.FullName ?? Buyer.Name,
                Buyer.Kind == CounterpartyKind.Person ? null : Buyer.FullName ?? Buyer.Name, "Покупатель",
                Buyer.Inn, Buyer.Kpp, null,
                Buyer.Kind == CounterpartyKind.Person ? Buyer.Name : null, null, null, Buyer.LegalAddress, null,
                Buyer.Phones.Select(p => new Contact("Телефон рабочий", p)).Concat(Buyer.Emails.Select(e => new Contact("Почта", e))).ToList(),
                false),
        ];
        var lines = Lines.Select(l => new OrderLine(l.ProductId is null ? null : new OneCId(l.ProductId), null, l.Name, l.Unit ?? "шт",
            l.Price, l.Quantity, Math.Round(l.Price * l.Quantity, 2), null,
            [new NamedValue("ВидНоменклатуры", "Товар"), new NamedValue("ТипНоменклатуры", "Товар")])).ToList();
        return new OrderDocument(new OneCId(Number), Number, Date, "Заказ товара", "Продавец", Currency, 1m, Sum, Comment, null, null, null,
            buyer, lines,
            [
                new NamedValue("Сделка Битрикс24", DealId.ToString(CultureInfo.InvariantCulture)),
                new NamedValue("Отменен", "false"),
            ],
            false);
    }

    /// <summary>УТ 11 keeps the site's order number in 11 characters; longer numbers fail the whole file.</summary>
    public static string NumberFor(long dealId)
    {
        var id = dealId.ToString(CultureInfo.InvariantCulture);
        return id.Length <= 8 ? "CRM" + id : id;
    }
}
