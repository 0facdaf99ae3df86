using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// A Russian legal address as 1C presents it in one line ("125009, Москва г, Тверская ул, дом № 7, офис 12",
/// "Россия, 630099, Новосибирская обл, г. Новосибирск, Красный пр-кт, д. 20") split into Bitrix24's address fields
/// (crm.address TYPE_ID 6 on the requisite). Split only when the line is recognisably "parts separated by commas" with
/// a city; anything else keeps the whole line in ADDRESS_1, so nothing is ever lost or put in the wrong field.
/// </summary>
public static partial class LegalAddress
{
    /// <summary>crm.enum.addresstype: 6 = legal (юридический).</summary>
    public const int TypeId = 6;

    /// <summary>crm.enum.ownertype: 8 = requisite; addresses hang on requisites, not companies.</summary>
    public const int RequisiteOwner = 8;

    /// <summary>The fields this app owns on the legal address; each is always sent so a stale part is cleared.</summary>
    public static readonly string[] Fields = ["ADDRESS_1", "ADDRESS_2", "CITY", "POSTAL_CODE", "REGION", "PROVINCE", "COUNTRY"];

    private static readonly string[] FederalCities = ["Москва", "Санкт-Петербург", "Севастополь"];

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex PostalCode();

    [GeneratedRegex(@"^(г\.?\s+(?<n>.+)|(?<n>.+?)\s+г\.?)$", RegexOptions.IgnoreCase)]
    private static partial Regex City();

    [GeneratedRegex(@"(^|\s)(обл\.?|область|край|респ\.?|республика|АО|автономный округ|Аобл)(\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Province();

    [GeneratedRegex(@"(^|\s)(р-н|район|м\.о\.|г\.о\.)(\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex District();

    [GeneratedRegex(@"^(кв\.?|квартира|оф\.?|офис|пом\.?|помещение|комн\.?|комната)(\s|№|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Premises();

    /// <summary>Bitrix24 address fields for the line (all of <see cref="Fields"/>, empty where unknown).</summary>
    public static JObject Parse(string line)
    {
        var result = new JObject();
        foreach (var f in Fields)
        {
            result[f] = "";
        }
        var text = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rest = new List<string>();
        var premises = new List<string>();
        string? city = null, postal = null, province = null, district = null, country = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (country is null && i == 0 && p is "Россия" or "РОССИЯ" or "Российская Федерация" or "РФ")
            {
                country = "Россия";
            }
            else if (postal is null && rest.Count == 0 && PostalCode().IsMatch(p))
            {
                postal = p;
            }
            else if (city is null && rest.Count == 0 && FederalCities.Contains(p, StringComparer.OrdinalIgnoreCase))
            {
                city = p;
            }
            else if (city is null && rest.Count == 0 && City().Match(p) is { Success: true } m)
            {
                city = m.Groups["n"].Value.Trim();
            }
            else if (province is null && city is null && rest.Count == 0 && Province().IsMatch(p))
            {
                province = p;
            }
            else if (district is null && city is null && rest.Count == 0 && District().IsMatch(p))
            {
                district = p;
            }
            else if (Premises().IsMatch(p) && rest.Count > 0)
            {
                premises.Add(p);
            }
            else
            {
                rest.Add(p);
            }
        }
        if (city is null || parts.Length < 2)
        {
            result["ADDRESS_1"] = text;   // not sure which part is which: the whole line, as 1C shows it
            return result;
        }
        result["ADDRESS_1"] = string.Join(", ", rest);
        result["ADDRESS_2"] = string.Join(", ", premises);
        result["CITY"] = city;
        result["POSTAL_CODE"] = postal ?? "";
        result["REGION"] = district ?? "";
        result["PROVINCE"] = province ?? "";
        result["COUNTRY"] = country ?? "";
        return result;
    }

    /// <summary>
    /// The card's legal address as Bitrix24 fields: from 1C's separate parts when they are trustworthy, else from the
    /// one-line presentation; null when the card has neither.
    /// </summary>
    public static JObject? For(CounterpartyCard card) =>
        card.LegalAddressParts is { Count: > 0 } parts && LegalAddressParts.Fields(parts, card.LegalAddress) is { } exact ? exact
        : card.LegalAddress is { } line ? Parse(line)
        : null;

    /// <summary>The fields of <paramref name="wanted"/> that differ from <paramref name="existing"/> (missing = empty).</summary>
    public static IEnumerable<string> Changed(JObject existing, JObject wanted) =>
        Fields.Where(f => !string.Equals(existing.Value<string>(f) ?? "", wanted.Value<string>(f) ?? "", StringComparison.Ordinal));
}
