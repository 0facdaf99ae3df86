using Newtonsoft.Json.Linq;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// Phones and e-mails compared as people mean them: "+7 (495) 111-22-33", "8 495 1112233" and "4951112233" are one
/// number; e-mail case does not matter. 1C owns the values it supplied (<see cref="OwnedContacts"/>): when it changes
/// or drops one, that multi-field entry is changed or deleted; entries a rep typed in Bitrix24 are never touched.
/// </summary>
public static class ContactValues
{
    /// <summary>Digits only; a Russian 8 or missing trunk prefix becomes 7 ("8 (495) 123-45-67" = "+74951234567").</summary>
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

    /// <summary>
    /// The multi-field items that bring a company's entries of one type (PHONE or EMAIL) in line with 1C, and the
    /// values 1C owns afterwards (normalised, card order).
    /// <list type="bullet">
    /// <item>an entry holding a value 1C owned and no longer sends is stale: the first stale entries take 1C's new
    /// values (<c>{ID, VALUE}</c>, so a changed number stays in its place and keeps its type), the rest are deleted
    /// (<c>{ID, DELETE: 'Y'}</c>);</item>
    /// <item>1C's values the company does not have are added (no ID) and become 1C's;</item>
    /// <item>a value the company already had that 1C never owned stays the rep's: 1C sending it too does not make it
    /// 1C's to delete later.</item>
    /// </list>
    /// <paramref name="owned"/> null means "not known" (a link made before ownership was kept, or a company found by
    /// the 1C id in its origin): the card's values already on the company are taken as 1C's — the sync wrote them.
    /// </summary>
    public static (JArray Items, List<string> Owned) Reconcile(IReadOnlyList<string> card, IReadOnlyList<(string Id, string Value)> existing,
        IReadOnlyList<string>? owned, Func<string, string> normalise)
    {
        var wanted = new List<(string Key, string Raw)>();
        var wantedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in card)
        {
            var key = normalise(raw);
            if (key.Length > 0 && wantedKeys.Add(key))
            {
                wanted.Add((key, raw.Trim()));
            }
        }
        var entries = existing.Select(e => (e.Id, Key: normalise(e.Value))).ToList();
        var present = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var before = (owned ?? Adopted(card, existing, normalise)).ToHashSet(StringComparer.Ordinal);

        var stale = entries.Where(e => before.Contains(e.Key) && !wantedKeys.Contains(e.Key)).Select(e => e.Id).ToList();
        var added = wanted.Where(w => !present.Contains(w.Key)).ToList();
        var items = new JArray();
        for (var i = 0; i < Math.Max(stale.Count, added.Count); i++)
        {
            items.Add(i < stale.Count && i < added.Count ? new JObject { ["ID"] = stale[i], ["VALUE"] = added[i].Raw }
                : i < stale.Count ? new JObject { ["ID"] = stale[i], ["DELETE"] = "Y" }
                : new JObject { ["VALUE"] = added[i].Raw, ["VALUE_TYPE"] = "WORK" });
        }
        var after = wanted.Where(w => before.Contains(w.Key) || !present.Contains(w.Key)).Select(w => w.Key).ToList();
        return (items, after);
    }

    /// <summary>The card's values (normalised, card order) that the company has: taken as 1C's when ownership is not known.</summary>
    public static List<string> Adopted(IReadOnlyList<string> card, IReadOnlyList<(string Id, string Value)> existing, Func<string, string> normalise)
    {
        var present = existing.Select(e => normalise(e.Value)).ToHashSet(StringComparer.Ordinal);
        return card.Select(normalise).Where(k => k.Length > 0 && present.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
    }
}
