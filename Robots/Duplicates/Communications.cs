using Newtonsoft.Json.Linq;

namespace WineB24.Robots.Duplicates;

/// <summary>The normalised phones and e-mails of one or more CRM records (their PHONE / EMAIL multi-fields).</summary>
public sealed class Communications
{
    public SortedSet<string> Phones { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Emails { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Phones.Count == 0 && Emails.Count == 0;

    /// <summary>Adds the PHONE and EMAIL values of a legacy <c>crm.*.get</c> record.</summary>
    public void AddFrom(JToken? record)
    {
        foreach (var value in Values(record, "PHONE"))
        {
            if (PhoneNumber.Normalise(value) is { } phone) Phones.Add(phone);
        }
        foreach (var value in Values(record, "EMAIL"))
        {
            if (EmailAddress.Normalise(value) is { } email) Emails.Add(email);
        }
    }

    private static IEnumerable<string?> Values(JToken? record, string field) =>
        record?[field] is JArray items ? items.Select(i => i is JObject o ? o.Value<string?>("VALUE") : null) : [];
}
