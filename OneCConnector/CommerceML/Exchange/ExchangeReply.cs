using System.Text;
using Microsoft.AspNetCore.Http;

namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>
/// The reply grammar 1C parses: plain text, lines joined with <c>\n</c>; line 1 is <c>success</c>, <c>progress</c> or
/// <c>failure</c>, later lines carry values or the reason. Always UTF-8 and labelled so.
/// </summary>
internal static class ExchangeReply
{
    public const string ContentType = "text/plain; charset=utf-8";

    public static Task Success(HttpContext ctx, params string[] lines) => Write(ctx, ["success", .. lines]);

    public static Task Progress(HttpContext ctx, string message) => Write(ctx, ["progress", message]);

    /// <summary>A failure reason is one line: 1C shows lines after the first; newlines inside a reason would split it.</summary>
    public static Task Failure(HttpContext ctx, string reason) => Write(ctx, ["failure", reason.ReplaceLineEndings(" ")]);

    private static Task Write(HttpContext ctx, string[] lines)
    {
        ctx.Response.ContentType = ContentType;
        ctx.Response.Headers.CacheControl = "no-store";
        return ctx.Response.WriteAsync(string.Join('\n', lines), Encoding.UTF8, ctx.RequestAborted);
    }
}
