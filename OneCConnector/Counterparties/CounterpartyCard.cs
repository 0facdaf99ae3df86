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
    bool DeletionMark);

public enum CounterpartyKind
{
    LegalEntity,
    IndividualEntrepreneur,
    Person,
}
