using System.Globalization;

namespace WineB24.OneCConnector.Catalogue;

/// <summary>One wine property of the Bitrix24 catalogue and the 1C names it is read from.</summary>
public sealed record WineProperty(string Code, string Title, bool Numeric, IReadOnlyList<string> OneCNames);

/// <summary>
/// The wine card: colour, grape, country, region, vintage, volume, strength. 1C keeps them as ordinary properties
/// (or requisites) whose names differ between infobases, hence several Russian names per property.
/// </summary>
public static class WineProperties
{
    public static IReadOnlyList<WineProperty> Defaults { get; } =
    [
        new("WINE_COLOR", "Цвет вина", false, ["Цвет", "Цвет вина"]),
        new("WINE_GRAPE", "Сорт винограда", false, ["Сорт винограда", "Виноград", "Сорта винограда", "Сортовой состав"]),
        new("WINE_COUNTRY", "Страна", false, ["Страна", "Страна производства", "Страна происхождения"]),
        new("WINE_REGION", "Регион", false, ["Регион", "Регион производства", "Апелласьон"]),
        new("WINE_VINTAGE", "Год урожая", true, ["Год урожая", "Урожай", "Винтаж"]),
        new("WINE_VOLUME", "Объём, л", true, ["Объем", "Объём", "Объем, л", "Объём, л", "Емкость"]),
        new("WINE_STRENGTH", "Крепость, %", true, ["Крепость", "Крепость, %", "Алкоголь, %"]),
    ];

    /// <summary>The defaults with the configured names applied.</summary>
    public static IReadOnlyList<WineProperty> Resolve(CatalogueOptions options) =>
        Defaults.Select(d => options.PropertyNames.FirstOrDefault(p => string.Equals(p.Key, d.Code, StringComparison.OrdinalIgnoreCase)) is { Value: { } names }
            ? d with { OneCNames = names }
            : d).ToList();

    /// <summary>Numbers in 1C text use a comma or a dot ("0,75", "13.5 %"); null when it is not a number.</summary>
    public static string? Normalise(WineProperty property, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!property.Numeric)
        {
            return text;
        }
        var digits = new string(text.Replace(',', '.').Where(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
        return decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0.###", CultureInfo.InvariantCulture)
            : null;
    }
}
