namespace WineB24.OneCConnector.CommerceML.Parsing;

/// <summary>
/// A 1C <c>Ид</c>. Offers and order lines use <c>product#characteristic</c> for variants, so the product part and
/// the characteristic part are kept apart; the full value stays the stable external key.
/// </summary>
public readonly record struct OneCId(string Value)
{
    public string ProductId => Value.IndexOf('#') is var i and >= 0 ? Value[..i] : Value;

    /// <summary>The characteristic (variant) GUID after <c>#</c>; null for a plain product id or a trailing <c>#</c>.</summary>
    public string? CharacteristicId => Value.IndexOf('#') is var i and >= 0 && i < Value.Length - 1 ? Value[(i + 1)..] : null;

    public bool IsVariant => CharacteristicId is not null;

    public override string ToString() => Value;

    /// <summary>Values from fixed-length 1C fields carry trailing spaces (<c>796 </c>); the key is the trimmed text.</summary>
    public static OneCId? From(string? raw)
    {
        var trimmed = raw?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : new OneCId(trimmed);
    }
}
