using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace WineB24.Placements.Frames;

/// <summary>
/// Builds page markup where every value from outside (portal answers, settings, query) is encoded. Cyrillic is
/// left readable; markup characters never are.
/// </summary>
public sealed class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _sb = new();

    public static string Encode(string? value) => Encoder.Encode(value ?? "");

    /// <summary>Trusted markup written by this code.</summary>
    public HtmlText Markup(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>A value from outside, encoded.</summary>
    public HtmlText Text(string? value)
    {
        _sb.Append(Encode(value));
        return this;
    }

    public override string ToString() => _sb.ToString();
}
