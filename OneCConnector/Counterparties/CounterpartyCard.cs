using System.Text.Json.Serialization;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// A 1C counterparty as every source delivers it (CommerceML <c>Контрагент</c>, OData <c>Catalog_Контрагенты</c>),
/// reduced to what the Bitrix24 company and its requisite need. <see cref="OneCId"/> is the 1C reference
/// (<c>Ид</c> / <c>Ref_Key</c>), the stable key across exchanges.
/// </summary>
public sealed record CounterpartyCard(
    string OneCId,
    string Name,
    string? FullName,
    string? Inn,
    string? Kpp,
    CounterpartyKind Kind,
    string? LegalAddress,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    bool DeletionMark)
{
    /// <summary>
    /// 1C's separate parts of <see cref="LegalAddress"/> (<c>АдресноеПоле</c>), when the source sent them. Null, not
    /// empty, without parts and left out of the card's JSON, so cards without parts keep the hash they always had.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AddressField>? LegalAddressParts { get; init; }
}

public enum CounterpartyKind
{
    LegalEntity,
    IndividualEntrepreneur,
    Person,
}
