namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// Phones and e-mails compared as people mean them: "+7 (495) 111-22-33", "8 495 1112233" and "4951112233" are one
/// number; e-mail case does not matter. Used so a changed 1C card adds only numbers the company does not have yet.
/// </summary>
public static class ContactValues
{
    public static string Phone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '8')
        {
            return "7" + digits[1..];
        }
        return digits.Length == 10 ? "7" + digits : digits;
    }

    public static string Email(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The card's values the company lacks (compared normalised), each once, in the card's order.</summary>
    public static List<string> Missing(IEnumerable<string> card, IEnumerable<string> existing, Func<string, string> normalise)
    {
        var seen = existing.Select(normalise).ToHashSet(StringComparer.Ordinal);
        return card.Where(v => v.Length > 0 && seen.Add(normalise(v))).ToList();
    }
}
