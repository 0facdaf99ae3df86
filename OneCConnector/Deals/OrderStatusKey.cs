using System.Text;
using System.Text.RegularExpressions;
using WineB24.OneCConnector.CommerceML.Parsing;

namespace WineB24.OneCConnector.Deals;

/// <summary>
/// The stage-map key of a 1C order status. Texts differ by configuration and by hand: <c>[N] Отгружен</c> (Bitrix
/// style code prefix), <c>К отгрузке</c> vs the enum name <c>КОтгрузке</c>, ё/е. The key drops the bracketed code,
/// spaces and punctuation and lower-cases. УТ 11.5 sends no status at all, so its facts name one: cancelled,
/// shipped, paid, posted.
/// </summary>
public static partial class OrderStatusKey
{
    public const string Cancelled = "отменен";
    public const string Shipped = "отгружен";
    public const string Paid = "оплачен";
    public const string Posted = "проведен";

    public static string Normalize(string status)
    {
        var text = BracketCode().Replace(status, "");
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch == 'ё' ? 'е' : ch);
            }
        }
        return sb.ToString();
    }

    /// <summary>The key 1C's report stands for: an explicit status first, else the strongest fact.</summary>
    public static string? For(OrderState state) =>
        state.Cancelled ? Cancelled
        : !string.IsNullOrWhiteSpace(state.Status) ? Normalize(state.Status)
        : state.Shipped ? Shipped
        : state.Paid ? Paid
        : state.Posted == true ? Posted
        : null;

    [GeneratedRegex(@"^\s*\[[^\]]*\]\s*")]
    private static partial Regex BracketCode();
}
