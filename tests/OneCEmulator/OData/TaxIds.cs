using System.Globalization;
using System.Text;

namespace WineB24.OneCEmulator.OData;

/// <summary>Random ИНН with valid check digits (10 digits for organisations, 12 for ИП) and КПП of the right shape.</summary>
public static class TaxIds
{
    private static readonly int[] Inn10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12First = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12Second = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly string[] Regions = ["77", "78", "50", "23", "66", "16", "54", "61"];

    public static string OrganisationInn(Random random)
    {
        var digits = Body(random, 9);
        digits.Add(Check(digits, Inn10));
        return Join(digits);
    }

    public static string EntrepreneurInn(Random random)
    {
        var digits = Body(random, 10);
        digits.Add(Check(digits, Inn12First));
        digits.Add(Check(digits, Inn12Second));
        return Join(digits);
    }

    /// <summary>Tax office (first four digits of the ИНН), reason code 01 (head office) or 02–43 (branches), serial.</summary>
    public static string Kpp(string inn, Random random, bool branch = false)
    {
        var reason = branch ? random.Next(2, 44).ToString("00", CultureInfo.InvariantCulture) : "01";
        return inn[..4] + reason + random.Next(1, 999).ToString("000", CultureInfo.InvariantCulture);
    }

    public static bool IsValidInn(string inn) => inn.Length switch
    {
        10 => inn.All(char.IsAsciiDigit) && inn[9] - '0' == Check(Digits(inn[..9]), Inn10),
        12 => inn.All(char.IsAsciiDigit) && inn[10] - '0' == Check(Digits(inn[..10]), Inn12First)
                                         && inn[11] - '0' == Check(Digits(inn[..11]), Inn12Second),
        _ => false,
    };

    private static List<int> Body(Random random, int length)
    {
        var region = Regions[random.Next(Regions.Length)];
        var digits = Digits(region);
        while (digits.Count < length) digits.Add(random.Next(10));
        return digits;
    }

    private static List<int> Digits(string s) => s.Select(c => c - '0').ToList();

    private static int Check(IReadOnlyList<int> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++) sum += digits[i] * weights[i];
        return sum % 11 % 10;
    }

    private static string Join(IEnumerable<int> digits)
    {
        var sb = new StringBuilder();
        foreach (var d in digits) sb.Append((char)('0' + d));
        return sb.ToString();
    }
}
