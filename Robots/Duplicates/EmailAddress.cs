namespace WineB24.Robots.Duplicates;

/// <summary>E-mails compared as Bitrix24 does: trimmed, case-insensitive.</summary>
public static class EmailAddress
{
    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var e = raw.Trim().Trim('<', '>').ToLowerInvariant();
        var at = e.IndexOf('@');
        if (at <= 0 || at != e.LastIndexOf('@') || at == e.Length - 1 || e.Any(char.IsWhiteSpace)) return null;
        return e;
    }
}
