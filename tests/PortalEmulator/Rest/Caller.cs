namespace WineB24.PortalEmulator.Rest;

public enum AuthKind
{
    OAuth,
    Webhook,
}

/// <summary>Who is calling: the token's (or webhook's) user and the kind of authorisation.</summary>
public sealed record Caller(int UserId, bool IsAdmin, AuthKind Kind, string Key, IReadOnlySet<string> Scopes)
{
    /// <summary>Operating time is counted per application, or per webhook.</summary>
    public string OperatingKey => Kind == AuthKind.OAuth ? "app" : "hook:" + Key;
}
