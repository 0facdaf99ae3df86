using WineB24.Bitrix24Client.Apps;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>Why a card cannot be written as it is; each reason reads well for a portal admin in both languages.</summary>
public static class CounterpartyRules
{
    /// <summary>Problems visible from the card alone, before asking Bitrix24 anything.</summary>
    public static ReviewReason? Check(CounterpartyCard card)
    {
        if (card.Name.Length == 0)
        {
            // Bitrix24 refuses a company without a title; sending it would fail again on every exchange.
            return new("no_name", new($"У контрагента {card.OneCId} в 1С не заполнено наименование.", $"Counterparty {card.OneCId} has no name in 1C."));
        }
        if (card.Inn is null)
        {
            return card.Kind == CounterpartyKind.LegalEntity
                ? new("no_inn", new($"У юридического лица «{card.Name}» в 1С не заполнен ИНН.", $"Legal entity \"{card.Name}\" has no INN in 1C."))
                : null;
        }
        if (!TaxIds.IsValidInn(card.Inn))
        {
            return new("bad_inn", new($"ИНН {card.Inn} контрагента «{card.Name}» не проходит проверку контрольной суммы.",
                $"INN {card.Inn} of \"{card.Name}\" fails the checksum."));
        }
        if (card.Kind == CounterpartyKind.LegalEntity && card.Inn.Length != 10)
        {
            return new("bad_inn", new($"У юридического лица «{card.Name}» ИНН {card.Inn} должен состоять из 10 цифр.",
                $"Legal entity \"{card.Name}\": INN {card.Inn} must have 10 digits."));
        }
        if (card.Kpp is not null && !TaxIds.IsValidKpp(card.Kpp))
        {
            return new("bad_kpp", new($"КПП {card.Kpp} контрагента «{card.Name}» имеет неверный формат.", $"KPP {card.Kpp} of \"{card.Name}\" is malformed."));
        }
        return null;
    }

    public static ReviewReason Ambiguous(CounterpartyCard card, IEnumerable<long> companies)
    {
        var ids = string.Join(", ", companies);
        return new("inn_kpp_ambiguous", new($"ИНН {card.Inn} / КПП {card.Kpp} есть у нескольких компаний ({ids}); неясно, какую связать с «{card.Name}».",
            $"INN {card.Inn} / KPP {card.Kpp} is on several companies ({ids}); unclear which one is \"{card.Name}\"."));
    }

    public static ReviewReason InnDiffers(CounterpartyCard card, long companyId, string portalInn) =>
        new("inn_differs", new($"В связанной компании {companyId} ИНН {portalInn}, а в 1С у «{card.Name}» ИНН {card.Inn}.",
            $"Linked company {companyId} has INN {portalInn}, but 1C has INN {card.Inn} for \"{card.Name}\"."));

    public static ReviewReason LinkedElsewhere(CounterpartyCard card, long linked, long matched) =>
        new("link_mismatch", new($"«{card.Name}» связан с компанией {linked}, но ИНН/КПП из 1С найдены у компании {matched}.",
            $"\"{card.Name}\" is linked to company {linked}, but its INN/KPP from 1C belong to company {matched}."));

    public static ReviewReason CompanyDeleted(CounterpartyCard card, long companyId) =>
        new("company_deleted", new($"Компания {companyId}, связанная с «{card.Name}», удалена в Битрикс24; при следующем обмене она будет найдена или создана заново.",
            $"Company {companyId} linked to \"{card.Name}\" was deleted in Bitrix24; the next exchange finds or creates it again."));

    public static ReviewReason Refused(CounterpartyCard card, string error) =>
        new("bitrix24_refused", new($"Битрикс24 не принял «{card.Name}»: {error}", $"Bitrix24 refused \"{card.Name}\": {error}"));
}
