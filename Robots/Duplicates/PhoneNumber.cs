using System.Text;

namespace WineB24.Robots.Duplicates;

/// <summary>
/// Brings the ways Russian managers type phones to one form: <c>8 (916) 123-45-67</c>, <c>+7 916 1234567</c>,
/// <c>9161234567</c> → <c>+79161234567</c>. Other countries keep their digits with a leading +.
/// </summary>
public static class PhoneNumber
{
    // Extensions are cut off: "доб. 123", "ext 5", "#12" do not belong to the line number.
    private static readonly string[] ExtensionMarks = ["доб", "ext", "вн", "#", "x"];

    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim();
        var cut = ExtensionMarks
            .Select(m => text.IndexOf(m, StringComparison.OrdinalIgnoreCase))
            .Where(i => i > 0)
            .DefaultIfEmpty(text.Length)
            .Min();
        text = text[..cut];

        var digits = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch)) digits.Append(ch);
        }
        var hadPlus = text.TrimStart().StartsWith('+');
        var d = digits.ToString();
        if (d.Length == 11 && (d[0] == '8' || d[0] == '7') && !(hadPlus && d[0] == '8'))
        {
            return "+7" + d[1..];
        }
        if (d.Length == 10 && d[0] == '9' && !hadPlus)
        {
            return "+7" + d;   // mobile typed without the trunk prefix
        }
        // Too short to be a line number (an internal extension, a typo): searching it would match noise.
        if (d.Length < 7 || d.Length > 15) return null;
        return hadPlus ? "+" + d : d;
    }
}
