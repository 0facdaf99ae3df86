using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WineB24.OneCEmulator.OData;

/// <summary>
/// The <c>$filter</c> subset 1C's standard interface accepts (sheet §3.3): <c>eq ne gt ge lt le and or not</c>,
/// parentheses, <c>substringof</c>/<c>startswith</c>/<c>endswith</c>, literals <c>'text'</c> (quote doubled inside),
/// <c>guid'…'</c>, <c>datetime'…'</c>, numbers, <c>true</c>/<c>false</c>. Strict: an unknown property or a
/// malformed expression is an error, as on a real infobase.
/// </summary>
public sealed class ODataFilter
{
    private readonly Func<JsonObject, bool> _predicate;

    private ODataFilter(Func<JsonObject, bool> predicate) => _predicate = predicate;

    public bool Matches(JsonObject row) => _predicate(row);

    /// <summary>Parses <paramref name="text"/>; every property it names must be in <paramref name="properties"/>.</summary>
    public static ODataFilter Parse(string text, IReadOnlySet<string> properties)
    {
        var parser = new Parser(Tokenize(text), properties);
        var node = parser.Or();
        parser.ExpectEnd();
        return new ODataFilter(row => Truth(node(row)));
    }

    private static bool Truth(object? value) => value is true;

    private enum Kind { Name, Text, Guid, DateTime, Number, Open, Close, Comma, End }

    private sealed record Token(Kind Kind, string Text);

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '(') { tokens.Add(new(Kind.Open, "(")); i++; continue; }
            if (c == ')') { tokens.Add(new(Kind.Close, ")")); i++; continue; }
            if (c == ',') { tokens.Add(new(Kind.Comma, ",")); i++; continue; }
            if (c == '\'') { tokens.Add(new(Kind.Text, Quoted(s, ref i))); continue; }
            if (char.IsDigit(c) || (c == '-' && i + 1 < s.Length && char.IsDigit(s[i + 1])))
            {
                var start = i++;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
                if (i < s.Length && (s[i] is 'M' or 'm' or 'd' or 'D' or 'L' or 'l')) i++;
                tokens.Add(new(Kind.Number, s[start..i].TrimEnd('M', 'm', 'd', 'D', 'L', 'l')));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '/')) i++;
                var word = s[start..i];
                if (i < s.Length && s[i] == '\'' && (word == "guid" || word == "datetime"))
                {
                    var literal = Quoted(s, ref i);
                    tokens.Add(word == "guid" ? new(Kind.Guid, literal.ToLowerInvariant()) : new(Kind.DateTime, literal));
                    continue;
                }
                tokens.Add(new(Kind.Name, word));
                continue;
            }
            throw new ODataRequestException(400, "6", $"Ошибка разбора $filter: неожиданный символ '{c}' в позиции {i}");
        }
        tokens.Add(new(Kind.End, ""));
        return tokens;
    }

    private static string Quoted(string s, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= s.Length) throw new ODataRequestException(400, "6", "Ошибка разбора $filter: незакрытая строка");
            if (s[i] == '\'')
            {
                if (i + 1 < s.Length && s[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                i++;
                return sb.ToString();
            }
            sb.Append(s[i++]);
        }
    }

    private sealed class Parser(List<Token> tokens, IReadOnlySet<string> properties)
    {
        private int _at;

        private Token Peek => tokens[_at];

        private bool Word(string w) => Peek.Kind == Kind.Name && string.Equals(Peek.Text, w, StringComparison.Ordinal);

        public void ExpectEnd()
        {
            if (Peek.Kind != Kind.End) throw Error($"лишний текст '{Peek.Text}'");
        }

        public Func<JsonObject, object?> Or()
        {
            var left = And();
            while (Word("or"))
            {
                _at++;
                var l = left;
                var r = And();
                left = row => Truth(l(row)) || Truth(r(row));
            }
            return left;
        }

        private Func<JsonObject, object?> And()
        {
            var left = Unary();
            while (Word("and"))
            {
                _at++;
                var l = left;
                var r = Unary();
                left = row => Truth(l(row)) && Truth(r(row));
            }
            return left;
        }

        private Func<JsonObject, object?> Unary()
        {
            if (Word("not"))
            {
                _at++;
                var inner = Unary();
                return row => !Truth(inner(row));
            }
            return Comparison();
        }

        private Func<JsonObject, object?> Comparison()
        {
            var left = Primary();
            if (Peek.Kind == Kind.Name && Peek.Text is "eq" or "ne" or "gt" or "ge" or "lt" or "le")
            {
                var op = tokens[_at++].Text;
                var right = Primary();
                return row => Compare(op, left(row), right(row));
            }
            return left;
        }

        private Func<JsonObject, object?> Primary()
        {
            var t = tokens[_at++];
            switch (t.Kind)
            {
                case Kind.Open:
                    var inner = Or();
                    Expect(Kind.Close);
                    return inner;
                case Kind.Text:
                case Kind.Guid:
                case Kind.DateTime:
                    var text = t.Kind == Kind.DateTime ? NormalizeDate(t.Text) : t.Text;
                    return _ => text;
                case Kind.Number:
                    var number = decimal.Parse(t.Text, NumberStyles.Number, CultureInfo.InvariantCulture);
                    return _ => number;
                case Kind.Name when t.Text is "true" or "false":
                    var flag = t.Text == "true";
                    return _ => flag;
                case Kind.Name when t.Text == "null":
                    return _ => null;
                case Kind.Name when Peek.Kind == Kind.Open && t.Text is "substringof" or "startswith" or "endswith":
                    _at++;
                    var a = Or();
                    Expect(Kind.Comma);
                    var b = Or();
                    Expect(Kind.Close);
                    return t.Text switch
                    {
                        "substringof" => row => Str(b(row)).Contains(Str(a(row)), StringComparison.OrdinalIgnoreCase),
                        "startswith" => row => Str(a(row)).StartsWith(Str(b(row)), StringComparison.OrdinalIgnoreCase),
                        _ => row => Str(a(row)).EndsWith(Str(b(row)), StringComparison.OrdinalIgnoreCase),
                    };
                case Kind.Name:
                    if (!properties.Contains(t.Text)) throw Error($"неизвестное поле '{t.Text}'");
                    var name = t.Text;
                    return row => Value(row[name]);
                default:
                    throw Error($"неожиданное '{t.Text}'");
            }
        }

        private void Expect(Kind kind)
        {
            if (Peek.Kind != kind) throw Error($"ожидалось {kind}, получено '{Peek.Text}'");
            _at++;
        }

        private static ODataRequestException Error(string what) => new(400, "6", "Ошибка разбора $filter: " + what);
    }

    private static string Str(object? v) => v switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => v.ToString() ?? "",
    };

    internal static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => node.ToJsonString(),
    };

    private static string NormalizeDate(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            : throw new ODataRequestException(400, "6", $"Ошибка разбора $filter: неверная дата '{text}'");

    private static object Compare(string op, object? left, object? right)
    {
        int? order = (left, right) switch
        {
            (decimal a, decimal b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            (null, null) => 0,
            _ => null,
        };
        return op switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            _ => order <= 0,
        };
    }
}
