using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>Turns CommerceML <c>Контрагент</c>s into cards and fingerprints cards for the "unchanged → no write" rule.</summary>
public static class CounterpartyCards
{
    /// <summary>Cyrillic kept readable in stored payloads (the review list shows them); the HTML layer encodes on output.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// A CommerceML counterparty as a card, or null without an <c>Ид</c> (nothing stable to key it by). A person has
    /// <c>Фамилия</c>/<c>Имя</c> or nothing company-like; a 12-digit ИНН without КПП is an individual entrepreneur.
    /// </summary>
    public static CounterpartyCard? From(Counterparty c)
    {
        if (c.Id is not { } id)
        {
            return null;
        }
        var inn = Clean(c.Inn);
        var kpp = Clean(c.Kpp);
        // Nothing company-like (no ИНН, КПП, official name or legal address) is a buyer known by name only — site
        // orders carry retail customers so ("Александр") — not a legal entity missing its ИНН.
        var companyLike = inn is not null || kpp is not null || Clean(c.OfficialName) is not null || Clean(c.LegalAddress) is not null;
        var kind = c.IsPerson && inn is null ? CounterpartyKind.Person
            : inn is { Length: 12 } && kpp is null ? CounterpartyKind.IndividualEntrepreneur
            : c.IsPerson || !companyLike ? CounterpartyKind.Person
            : CounterpartyKind.LegalEntity;
        var phones = c.Contacts.Where(x => x.Type.Contains("телефон", StringComparison.OrdinalIgnoreCase)).Select(x => x.Value.Trim()).ToList();
        var emails = c.Contacts.Where(x => x.Type.Contains("почт", StringComparison.OrdinalIgnoreCase)).Select(x => x.Value.Trim()).ToList();
        // The parts come from the same element as the line: the legal address, else the registration address.
        var parts = Clean(c.LegalAddress) is not null || c.LegalAddressFields.Count > 0 ? c.LegalAddressFields : c.RegistrationAddressFields;
        return new CounterpartyCard(id.Value, (c.Name ?? c.DisplayName).Trim(), Clean(c.OfficialName ?? c.FullName), inn, kpp, kind,
            Clean(c.LegalAddress ?? c.RegistrationAddress), phones, emails, c.DeletionMark)
        {
            LegalAddressParts = parts.Count > 0 ? parts : null,
        };
    }

    /// <summary>Hex SHA-256 of the card's content; lists are part of it in order.</summary>
    public static string Hash(CounterpartyCard card)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(card, Json);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public static string Serialize(CounterpartyCard card) => JsonSerializer.Serialize(card, Json);

    /// <summary>1C pads fixed-length fields with spaces; an empty value is absent.</summary>
    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
