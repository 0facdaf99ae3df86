using System.Text;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Http;

public static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(Json.Serialize(body));
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}
