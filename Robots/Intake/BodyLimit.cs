using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WineB24.Robots.Intake;

/// <summary>
/// Caps a request body before it is read, also when it comes chunked without Content-Length; reading past the
/// cap fails with 413 in Kestrel.
/// </summary>
public static class BodyLimit
{
    /// <summary>False when the declared length is already over the cap.</summary>
    public static bool Apply(HttpContext http, long maxBytes)
    {
        if (http.Request.ContentLength is { } length && length > maxBytes) return false;
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = maxBytes;
        return true;
    }
}
