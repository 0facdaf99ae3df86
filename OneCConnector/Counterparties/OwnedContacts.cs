using System.Text.Json;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// The phones and e-mails (normalised by <see cref="ContactValues"/>) that 1C supplied and the sync wrote or found on
/// a linked company, kept per link (<c>onec_counterparty_links.contacts_owned</c>) so a value 1C later changes or
/// drops can be changed or deleted without touching what reps typed.
/// </summary>
public sealed record OwnedContacts(IReadOnlyList<string> Phones, IReadOnlyList<string> Emails)
{
    public static readonly OwnedContacts None = new([], []);

    public bool IsEmpty => Phones.Count == 0 && Emails.Count == 0;

    /// <summary>Null for a link stored before ownership was kept (the column is empty): ownership is then not known.</summary>
    public static OwnedContacts? Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? null : JsonSerializer.Deserialize<OwnedContacts>(stored, CounterpartyCards.Json);

    public string Serialize() => JsonSerializer.Serialize(this, CounterpartyCards.Json);
}
