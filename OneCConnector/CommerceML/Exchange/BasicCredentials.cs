using System.Text;
using Microsoft.AspNetCore.Http;

namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>Reads HTTP Basic credentials from <c>Authorization</c>; 1C sends them on every request.</summary>
internal static class BasicCredentials
{
    public static (string? Login, string? Password) Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 2048)
        {
            return (null, null);
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
