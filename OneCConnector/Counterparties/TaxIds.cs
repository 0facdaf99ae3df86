using System.Text.RegularExpressions;

namespace WineB24.OneCConnector.Counterparties;

/// <summary>ИНН checksums and the КПП shape (sheet §5). No region checks: the 2026 FNS order changes those rules.</summary>
public static partial class TaxIds
{
    private static readonly int[] Inn10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12First = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Inn12Second = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    /// <summary>10 digits (organisation) or 12 digits (person, ИП) with valid check digits.</summary>
    public static bool IsValidInn(string inn)
    {
        if (!inn.All(char.IsAsciiDigit))
        {
            return false;
        }
        return inn.Length switch
        {
            10 => Check(inn, Inn10) == inn[9] - '0',
            12 => Check(inn, Inn12First) == inn[10] - '0' && Check(inn, Inn12Second) == inn[11] - '0',
            _ => false,
        };
    }

    /// <summary>4 digits, 2 digits or Latin capitals (reason), 3 digits; no checksum exists.</summary>
    public static bool IsValidKpp(string kpp) => KppShape().IsMatch(kpp);

    private static int Check(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }
        return sum % 11 % 10;
    }

    [GeneratedRegex("^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$")]
    private static partial Regex KppShape();
}
