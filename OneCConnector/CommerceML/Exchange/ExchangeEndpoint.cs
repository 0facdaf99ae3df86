using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using WineB24.OneCConnector.CommerceML.Credentials;
using WineB24.OneCConnector.CommerceML.Import;
using WineB24.OneCConnector.CommerceML.Journal;
using WineB24.OneCConnector.CommerceML.Orders;
using WineB24.OneCConnector.Storage;

namespace WineB24.OneCConnector.CommerceML.Exchange;

/// <summary>
/// <c>/1c/exchange</c>: the "обмен с сайтом" protocol 1C drives — <c>type=catalog</c> (checkauth → init → file → import →
/// deactivate/complete) and <c>type=sale</c> (checkauth → init → query → success, file/import for status files).
/// Every request is authenticated with the portal's exchange credentials; every answer follows the reply grammar
/// and never carries a stack trace.
/// </summary>
public sealed class ExchangeEndpoint(
    ExchangeCredentials credentials,
    ExchangeSessions sessions,
    UploadStore uploads,
    ArchiveUnpacker unpacker,
    ExchangeFileImporter importer,
    ImportRuns runs,
    ExchangeJournal journal,
    IOrderExportSource orderExport,
    IOptions<OneCExchangeOptions> options,
    TimeProvider time,
    ILogger<ExchangeEndpoint> logger)
{
    public const string Path = "/1c/exchange";

    /// <summary>The URL the 1C operator enters in the exchange node: <c>{App:PublicUrl}/1c/exchange</c>; null when not configured.</summary>
    public static Uri? PublicAddress(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Uri.TryCreate(configuration["App:PublicUrl"]?.Trim().TrimEnd('/') + Path, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : null;

    /// <summary>The newest CommerceML version the reader understands; offered when 1C asks for something newer or unknown.</summary>
    private static readonly string[] KnownVersions = ["2.03", "2.04", "2.05", "2.06", "2.07", "2.08", "2.09", "2.10", "3.1"];

    public async Task HandleAsync(HttpContext ctx)
    {
        try
        {
            await DispatchAsync(ctx);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // 1C went away; nothing to answer.
        }
        catch (ExchangeRejectedException ex)
        {
            await ExchangeReply.Failure(ctx, ex.Message);
        }
        catch (Exception ex)
        {
            // The query string carries sessid, a session secret: log only type and mode.
            logger.LogError(ex, "1C exchange request failed: type={Type} mode={Mode}", ctx.Request.Query["type"].ToString(), ctx.Request.Query["mode"].ToString());
            if (!ctx.Response.HasStarted)
            {
                await ExchangeReply.Failure(ctx, "Внутренняя ошибка сервера обмена. Повторите обмен позже.");
            }
        }
    }

    private async Task DispatchAsync(HttpContext ctx)
    {
        var query = ParseQuery(ctx.Request);
        var (login, password) = BasicCredentials.Read(ctx.Request);
        var auth = await credentials.AuthenticateAsync(login, password, ctx.Connection.RemoteIpAddress?.ToString(), ctx.RequestAborted);
        if (!auth.Succeeded)
        {
            // 401 with a challenge lets clients that wait for one retry with credentials; 1C reads the body regardless.
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"WineB24 1C exchange\", charset=\"UTF-8\"";
            await ExchangeReply.Failure(ctx, auth.Failure!);
            return;
        }
        var memberId = auth.MemberId!;
        var type = Get(query, "type")?.Trim().ToLowerInvariant();
        var mode = Get(query, "mode")?.Trim().ToLowerInvariant();
        if (type is not ("catalog" or "sale"))
        {
            await ExchangeReply.Failure(ctx, "Unknown command type.");
            return;
        }
        if (mode == "checkauth")
        {
            await CheckAuthAsync(ctx, memberId, type);
            return;
        }
        var session = await sessions.FindAsync(memberId, ctx.Request.Cookies[options.Value.CookieName], ctx.RequestAborted);
        if (session is null)
        {
            await ExchangeReply.Failure(ctx, "Сессия обмена не найдена или истекла. Выполните авторизацию (mode=checkauth) заново.");
            return;
        }
        if (Get(query, "sessid") is { } sessid && !string.Equals(sessid.Trim(), session.SessId, StringComparison.Ordinal))
        {
            await ExchangeReply.Failure(ctx, "Неверный идентификатор сессии (sessid).");
            return;
        }
        // The session id is the cookie 1C replays, a secret: logs carry the journal id instead.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["MemberId"] = memberId, ["ExchangeJournal"] = session.JournalId });
        switch (mode)
        {
            case "init":
                await InitAsync(ctx, session, Get(query, "version"));
                break;
            case "file":
                await FileAsync(ctx, session, Get(query, "filename"));
                break;
            case "import":
                await ImportAsync(ctx, session, Get(query, "filename"));
                break;
            case "deactivate":
                // Deactivating untouched products belongs to the Bitrix24 catalogue mapping; stock and prices here are
                // keyed per offer and replaced when sent, so nothing is deactivated in the connector's own tables.
                await ExchangeReply.Success(ctx);
                break;
            case "complete":
                await journal.CompleteAsync(session.JournalId, ctx.RequestAborted);
                await ExchangeReply.Success(ctx);
                break;
            case "query" when type == "sale":
                await QueryAsync(ctx, session);
                break;
            case "success" when type == "sale":
                await ConfirmAsync(ctx, session);
                break;
            default:
                await ExchangeReply.Failure(ctx, "Unknown command");
                break;
        }
    }

    private async Task CheckAuthAsync(HttpContext ctx, string memberId, string type)
    {
        var session = await sessions.StartAsync(memberId, type, ctx.RequestAborted);
        var cookieName = options.Value.CookieName;
        ctx.Response.Cookies.Append(cookieName, session.Id, new CookieOptions
        {
            HttpOnly = true, Secure = ctx.Request.IsHttps, Path = "/", SameSite = SameSiteMode.Lax,
        });
        // Lines 2–3 become 1C's hand-built Cookie header; line 4 must be literally "sessid=<token>" (УНФ appends it
        // to URLs as is); line 5 is the deactivate timestamp the catalog handler offers.
        var lines = new List<string> { cookieName, session.Id, "sessid=" + session.SessId };
        if (type == "catalog")
        {
            lines.Add("timestamp=" + time.GetUtcNow().ToUnixTimeSeconds());
        }
        await ExchangeReply.Success(ctx, [.. lines]);
    }

    private async Task InitAsync(HttpContext ctx, ExchangeSessionRecord session, string? version)
    {
        uploads.Reset(session.MemberId, session.Id);
        var requested = version?.Trim();
        await sessions.UpdateAsync(session.Id, s => s.ProtocolVersion = string.IsNullOrEmpty(requested) ? null : requested, ctx.RequestAborted);
        var o = options.Value;
        var reply = new List<string> { "zip=" + (o.AllowZip ? "yes" : "no"), "file_limit=" + o.FileLimitBytes };
        // УТ 11.5 rejects anything but exactly two lines and never sends version; clients that do send it expect both extras.
        if (!string.IsNullOrEmpty(requested))
        {
            reply.Add("sessid=" + session.SessId);
            reply.Add("version=" + (KnownVersions.Contains(requested) ? requested : "2.09"));
        }
        ctx.Response.ContentType = ExchangeReply.ContentType;
        await ctx.Response.WriteAsync(string.Join('\n', reply), ctx.RequestAborted);
    }

    private async Task FileAsync(HttpContext ctx, ExchangeSessionRecord session, string? filename)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            await ExchangeReply.Failure(ctx, "mode=file ожидает POST с содержимым файла в теле запроса.");
            return;
        }
        var name = ExchangeFileName.Normalize(filename, out var reason);
        if (name is null)
        {
            await journal.RecordErrorAsync(session.JournalId, filename ?? "(без имени)", reason!, ctx.RequestAborted);
            await ExchangeReply.Failure(ctx, reason!);
            return;
        }
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.FileLimitBytes;
        }
        try
        {
            await uploads.AppendAsync(session.MemberId, session.Id, name, ctx.Request.Body, ctx.RequestAborted);
        }
        catch (ExchangeRejectedException ex)
        {
            await journal.RecordErrorAsync(session.JournalId, name, ex.Message, ctx.RequestAborted);
            await ExchangeReply.Failure(ctx, ex.Message);
            return;
        }
        // Old sale protocol (init without version): the site imports inside mode=file, 1C sends no import.
        if (session.ExchangeType == "sale" && session.ProtocolVersion is null && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            var path = uploads.Resolve(session.MemberId, session.Id, name);
            var outcome = await importer.ImportAsync(session, path, name, ctx.RequestAborted);
            await (outcome.Succeeded ? ExchangeReply.Success(ctx, [.. outcome.Warnings]) : ExchangeReply.Failure(ctx, outcome.Failure!));
            return;
        }
        await ExchangeReply.Success(ctx);
    }

    private async Task ImportAsync(HttpContext ctx, ExchangeSessionRecord session, string? filename)
    {
        var name = ExchangeFileName.Normalize(filename, out var reason);
        if (name is null)
        {
            await ExchangeReply.Failure(ctx, reason!);
            return;
        }
        var directory = uploads.SessionDirectory(session.MemberId, session.Id);
        var archives = ArchiveUnpacker.PendingArchives(directory);
        if (archives.Count > 0)
        {
            foreach (var archive in archives)
            {
                try
                {
                    unpacker.Unpack(archive, directory);
                }
                catch (ExchangeRejectedException ex)
                {
                    await journal.RecordErrorAsync(session.JournalId, System.IO.Path.GetFileName(archive), ex.Message, ctx.RequestAborted);
                    await ExchangeReply.Failure(ctx, ex.Message);
                    return;
                }
            }
            await ExchangeReply.Progress(ctx, "Архив распакован, начинается загрузка.");
            return;
        }
        var path = uploads.Find(session.MemberId, session.Id, name);
        if (path is null)
        {
            await ExchangeReply.Failure(ctx, $"Файл «{name}» не найден среди загруженных в этом сеансе обмена.");
            return;
        }
        // Journal and run key use the stored relative path, so the unimported-files sweeper recognises the file.
        var stored = System.IO.Path.GetRelativePath(directory, path).Replace('\\', '/');
        var outcome = await runs.RunOrWaitAsync(session.Id, stored, ct => importer.ImportAsync(session, path, stored, ct),
            options.Value.ImportStepBudget, time, ctx.RequestAborted);
        if (outcome is null)
        {
            await ExchangeReply.Progress(ctx, $"Идёт загрузка файла «{name}».");
        }
        else if (outcome.Succeeded)
        {
            await ExchangeReply.Success(ctx, [$"Загружено: товаров {outcome.Counts.Products}, предложений {outcome.Counts.Offers}, документов {outcome.Counts.Documents}; изменений {outcome.Changes}.", .. outcome.Warnings]);
        }
        else
        {
            await ExchangeReply.Failure(ctx, outcome.Failure!);
        }
    }

    private async Task QueryAsync(HttpContext ctx, ExchangeSessionRecord session)
    {
        var orders = await orderExport.GetPendingAsync(session.MemberId, ctx.RequestAborted);
        using var buffer = new MemoryStream();
        OrderDocumentWriter.Write(buffer, orders, time.GetLocalNow().DateTime, ctx.RequestAborted);
        var ids = orders.Select(o => o.Id?.Value ?? o.Number).OfType<string>().ToList();
        await sessions.UpdateAsync(session.Id, s => s.PendingExport = string.Join('\n', ids), ctx.RequestAborted);
        await journal.RecordQueryAsync(session.JournalId, orders.Count, ctx.RequestAborted);
        ctx.Response.ContentType = "application/xml; charset=utf-8";
        ctx.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
    }

    private async Task ConfirmAsync(HttpContext ctx, ExchangeSessionRecord session)
    {
        // Only the session that received the orders can confirm them (Bitrix checks the cookie the same way).
        var ids = string.IsNullOrEmpty(session.PendingExport) ? [] : session.PendingExport.Split('\n');
        if (ids.Length > 0)
        {
            await orderExport.ConfirmExportedAsync(session.MemberId, ids, ctx.RequestAborted);
            await sessions.UpdateAsync(session.Id, s => s.PendingExport = null, ctx.RequestAborted);
        }
        await journal.CompleteAsync(session.JournalId, ctx.RequestAborted);
        await ExchangeReply.Success(ctx);
    }

    /// <summary>Some 1C setups send <c>?get_param?type=…</c>; a second <c>?</c> is read as <c>&amp;</c>.</summary>
    private static Dictionary<string, StringValues> ParseQuery(HttpRequest request) =>
        QueryHelpers.ParseQuery((request.QueryString.Value ?? string.Empty).TrimStart('?').Replace('?', '&'));

    private static string? Get(Dictionary<string, StringValues> query, string key) =>
        query.TryGetValue(key, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;
}
