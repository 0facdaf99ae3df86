using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Newtonsoft.Json;

namespace WineB24.Placements.Frames;

/// <summary>
/// Who a placement page speaks for: the portal, the viewing user, whether the portal said that user is an admin
/// (<c>user.admin</c> with the viewer's own token), their language, until when.
/// </summary>
public sealed record FrameSession(string MemberId, string UserId, bool IsAdmin, string Language, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived signed sessions for the pages' JSON calls (header <see cref="Header"/>). The browser never holds
/// Bitrix24 tokens: only this protected blob, which the server can read and nobody can forge or extend.
/// </summary>
public sealed class FrameSessions
{
    public const string Header = "X-WineB24-Session";

    /// <summary>
    /// The page's language (its <c>html lang</c>), sent beside the session only so that a session that can no longer be
    /// read (expired, forged) is refused in the viewer's language; it grants nothing.
    /// </summary>
    public const string LanguageHeader = "X-WineB24-Lang";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector _protector;
    private readonly TimeProvider _time;

    public FrameSessions(IDataProtectionProvider provider, TimeProvider time)
    {
        _protector = provider.CreateProtector("WineB24.Placements.FrameSession.v1").ToTimeLimitedDataProtector();
        _time = time;
    }

    public string Issue(string memberId, string userId, bool isAdmin, string language)
    {
        var session = new FrameSession(memberId, userId, isAdmin, language, _time.GetUtcNow() + Lifetime);
        return _protector.Protect(JsonConvert.SerializeObject(session), session.ExpiresAt);
    }

    /// <summary>The session, or null when the value is missing, tampered with, from another key ring or expired.</summary>
    public FrameSession? Read(string? protectedValue)
    {
        if (string.IsNullOrWhiteSpace(protectedValue) || protectedValue.Length > 4096) return null;
        try
        {
            var session = JsonConvert.DeserializeObject<FrameSession>(_protector.Unprotect(protectedValue, out _));
            // Data Protection checks expiry on the machine clock; the app clock decides too, so tests can drive it.
            return session is not null && session.ExpiresAt > _time.GetUtcNow() ? session : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
