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
            throw new RestError(400, "ERROR_UNSUPPORTED_PROTOCOL", "Unsupported event handler protocol") { Argument = argument };
        }
        return uri;
    }
}
