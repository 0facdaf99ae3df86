using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// A legal entity without ИНН cannot be matched to a company or checked, so the file that carries it is refused with a
/// <c>failure</c> naming it, before anything of the file is applied; 1C resends it on the next exchange, after the
/// admin has filled the ИНН in. "Legal entity" is decided as for the card (<see cref="CounterpartyCards.From"/>):
/// retail buyers that site orders carry by name only are persons and pass. The seller's own card
/// (<c>Роль</c> Продавец) is never imported and is not checked.
/// </summary>
public sealed class LegalEntityWithoutInnRule : IImportRule
{
    public string? Check(CommerceMLRecord record) => record switch
    {
        Counterparty c => Problem(c, "Контрагент"),
        OrderDocument d => d.Counterparties.Where(c => !c.IsSeller)
            .Select(c => Problem(c, $"Документ {d.Number ?? d.Id?.Value}: контрагент")).FirstOrDefault(p => p is not null),
        _ => null,
    };

    private static string? Problem(Counterparty c, string subject) =>
        CounterpartyCards.From(c) is { Kind: CounterpartyKind.LegalEntity, Inn: null } card
            ? $"{subject} «{card.Name}» (Ид {card.OneCId}) — юридическое лицо без ИНН. Заполните ИНН в 1С и повторите обмен."
            : null;
}
