using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>
/// 1C's separate address parts (<c>АдресноеПоле</c>: Почтовый индекс, Страна, Регион, Район, Город, Населенный пункт,
/// Улица, Дом, Корпус, Строение, Квартира, Офис, Помещение) as Bitrix24's address fields. Real exchange files carry
/// parts that are not parts at all — Bitrix's own writer copies the whole line into every <c>АдресноеПоле</c>, test
/// bases send "Почтовый индекс: 1111" — so parts are used only when they look like parts; otherwise the caller falls
/// back to splitting the one-line <c>Представление</c> (<see cref="LegalAddress.Parse"/>), which loses nothing.
/// </summary>
public static partial class LegalAddressParts
{
    private enum Part { Postal, Country, Province, District, City, Settlement, Street, House, Block, Building, Flat, Office, Premises }

    private static readonly Dictionary<string, Part> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Почтовый индекс"] = Part.Postal,
        ["Индекс"] = Part.Postal,
        ["Страна"] = Part.Country,
        ["Регион"] = Part.Province,
        ["Район"] = Part.District,
        ["Город"] = Part.City,
        ["Населенный пункт"] = Part.Settlement,
        ["Улица"] = Part.Street,
        ["Дом"] = Part.House,
        ["Корпус"] = Part.Block,
        ["Строение"] = Part.Building,
        ["Квартира"] = Part.Flat,
        ["Офис"] = Part.Office,
        ["Помещение"] = Part.Premises,
    };

    /// <summary>Short labels put before a bare number ("78" → "д. 78"); a value that already names itself stays as is.</summary>
    private static readonly Dictionary<Part, string> Labels = new()
    {
        [Part.House] = "д.", [Part.Block] = "корп.", [Part.Building] = "стр.", [Part.Flat] = "кв.", [Part.Office] = "оф.", [Part.Premises] = "пом.",
    };

    private static readonly string[] RussiaNames = ["Россия", "Российская Федерация", "РФ"];

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex RussianPostalCode();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 \-]{1,11}$")]
    private static partial Regex ForeignPostalCode();

    [GeneratedRegex(@"^(г\.?\s*)?(?<n>Москва|Санкт-Петербург|Севастополь)(\s+г\.?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex FederalCity();

    /// <summary>House, block, flat … numbers are short; a longer value is a misplaced line, not a number.</summary>
    private const int MaxNumberLength = 20;

    /// <summary>
    /// Bitrix24 address fields (all of <see cref="LegalAddress.Fields"/>) from the parts, or null when the parts are
    /// not trustworthy: an unknown or repeated type, a value with a comma or equal to the whole line, a postal code
    /// that is not one, no locality, or neither street nor house.
    /// </summary>
    public static JObject? Fields(IReadOnlyList<AddressField> parts, string? line)
    {
        var values = new Dictionary<Part, string>();
        var whole = Squeeze(line ?? "");
        foreach (var p in parts)
        {
            var value = Squeeze(p.Value);
            if (value.Length == 0)
            {
                continue;
            }
            if (!Types.TryGetValue(Squeeze(p.Type).Replace('ё', 'е').Replace('Ё', 'Е'), out var part) || !values.TryAdd(part, value))
            {
                return null;
            }
            if (value.Contains(',') || (whole.Contains(',') && string.Equals(value, whole, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
            if (Labels.ContainsKey(part) && value.Length > MaxNumberLength)
            {
                return null;
            }
        }
        var country = values.GetValueOrDefault(Part.Country);
        if (country is not null && !country.Any(char.IsLetter))
        {
            return null;
        }
        if (values.GetValueOrDefault(Part.Postal) is { } postal)
        {
            var russian = country is null || RussiaNames.Contains(country, StringComparer.OrdinalIgnoreCase);
            if (!(russian ? RussianPostalCode() : ForeignPostalCode()).IsMatch(postal))
            {
                return null;
            }
        }
        var city = string.Join(", ", new[] { values.GetValueOrDefault(Part.City), values.GetValueOrDefault(Part.Settlement) }
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase));
        if (city.Length == 0 && values.GetValueOrDefault(Part.Province) is { } province && FederalCity().Match(province) is { Success: true } federal)
        {
            city = federal.Groups["n"].Value;   // Москва, Санкт-Петербург, Севастополь are regions and cities at once
        }
        if (city.Length == 0 || !(values.ContainsKey(Part.Street) || values.ContainsKey(Part.House)))
        {
            return null;
        }
        var result = new JObject
        {
            ["ADDRESS_1"] = Join(values, Part.Street, Part.House, Part.Block, Part.Building),
            ["ADDRESS_2"] = Join(values, Part.Flat, Part.Office, Part.Premises),
            ["CITY"] = city,
            ["POSTAL_CODE"] = values.GetValueOrDefault(Part.Postal) ?? "",
            ["REGION"] = values.GetValueOrDefault(Part.District) ?? "",
            ["PROVINCE"] = values.GetValueOrDefault(Part.Province) ?? "",
            ["COUNTRY"] = country ?? "",
        };
        return result;
    }

    private static string Join(Dictionary<Part, string> values, params Part[] order) => string.Join(", ", order
        .Where(values.ContainsKey)
        .Select(p => Labels.TryGetValue(p, out var label) && char.IsAsciiDigit(values[p][0]) ? $"{label} {values[p]}" : values[p]));

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
