using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Http;

/// <summary>Reads REST parameters from the query string, a form body (PHP bracket keys) or a JSON body, merged.</summary>
public static class RequestReader
{
    public const int MaxBody = 16 * 1024 * 1024;

    public static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        var parameters = PhpForm.Parse(request.QueryString.Value);
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method))
        {
            return parameters;
        }
        if (request.HasFormContentType && (request.ContentType ?? "").Contains("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            var fromMultipart = PhpForm.FromPairs(form.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))));
            foreach (var (k, v) in fromMultipart.ToList())
            {
                fromMultipart.Remove(k);
                parameters[k] = v;
            }
            return parameters;
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        if (body.Length > MaxBody)
        {
            throw new InvalidDataException("body too large");
        }
        var type = request.ContentType ?? "";
        JsonObject? fromBody = null;
        if (type.Contains("json", StringComparison.OrdinalIgnoreCase) || LooksLikeJson(body))
        {
            try
            {
                fromBody = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                fromBody = null;
            }
        }
        fromBody ??= PhpForm.Parse(body);
        foreach (var (k, v) in fromBody.ToList())
        {
            fromBody.Remove(k);
            parameters[k] = v;
        }
        return parameters;
    }

    private static bool LooksLikeJson(string body) => body.TrimStart().StartsWith('{');
}
