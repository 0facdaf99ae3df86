namespace WineB24.PortalEmulator.Rest;

/// <summary>Handler URLs must be absolute http(s) URLs with a host.</summary>
public static class HandlerUrl
{
    public static Uri Require(string? value, string argument)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new RestError(400, "ERROR_WRONG_HANDLER_URL", "Wrong handler URL") { Argument = argument };
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new RestError(400, "ERROR_UNSUPPORTED_PROTOCOL", "Unsupported handler protocol") { Argument = argument };
        }
        return uri;
    }

    /// <summary>Validates and returns the URL exactly as the app sent it (apps compare it on event.get / placement.get).</summary>
    public static string RequireText(string? value, string argument)
    {
        Require(value, argument);
        return value!.Trim();
    }

    /// <summary>Same handler, whether written as sent or as .NET normalises it.</summary>
    public static bool Same(string stored, string given)
        => stored == given || (Uri.TryCreate(stored, UriKind.Absolute, out var a) && Uri.TryCreate(given, UriKind.Absolute, out var b) && a == b);
}
