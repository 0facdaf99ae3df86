using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace WineB24.OneCConnector.OData;

/// <summary>Where one portal's 1C publishes its standard OData interface, and with which technical user.</summary>
public sealed record ODataConnection(Uri BaseUri, string Login, string Password)
{
    /// <summary>The root must end with <c>/</c>, or relative URLs would replace <c>standard.odata</c>.</summary>
    public Uri Root => BaseUri.AbsoluteUri.EndsWith('/') ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/");

    public override string ToString() => $"{Login}@{BaseUri}";
}

/// <summary>
/// Reads from one infobase's <c>standard.odata</c>: Basic auth, JSON, retries with exponential backoff when 1C or
/// its web server is down (5xx, dropped connection, timeout), no retry on 401/403/404 or a refused query, and
/// readable errors (<see cref="ODataException"/>). Paging is <c>$top</c>/<c>$skip</c> over a stable
/// <c>$orderby=Ref_Key</c>: 1C has no server-driven paging (sheet §3.3).
/// </summary>
public sealed class ODataClient(HttpClient http, ODataConnection connection, ODataOptions options, TimeProvider time, ILogger logger)
{
    private readonly AuthenticationHeaderValue _auth = new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes(connection.Login + ":" + connection.Password)));

    public ODataConnection Connection => connection;

    /// <summary>Requests sent, retries included (for the journal and tests).</summary>
    public int RequestsSent { get; private set; }

    /// <summary>One request; <c>value</c> rows as 1C returned them.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetAsync(ODataQuery query, CancellationToken cancellationToken)
    {
        var body = await SendAsync(query, cancellationToken);
        return Rows(body, query.Path);
    }

    /// <summary>Every row of an entity set, page by page, ordered by <c>Ref_Key</c> unless another order is given.</summary>
    public async IAsyncEnumerable<JsonObject> GetAllAsync(ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = query with { OrderBy = query.OrderBy ?? "Ref_Key", Top = options.PageSize };
        var skip = 0;
        while (true)
        {
            var rows = await GetAsync(page with { Skip = skip }, cancellationToken);
            foreach (var row in rows) yield return row;
            if (rows.Count < options.PageSize) yield break;
            skip += rows.Count;
        }
    }

    /// <summary>
    /// Every row of a register's virtual table (<c>…/Balance(…)</c>), page by page. A virtual table has no
    /// <c>Ref_Key</c>: its rows are the groups of <paramref name="keyFields"/> (the grouping dimensions as output fields),
    /// so those are the <c>$orderby</c> that makes <c>$top</c>/<c>$skip</c> pages stable — without it a DBMS returns a
    /// GROUP BY in any order and pages overlap. 1C does not document paging of virtual tables, so the answer is checked:
    /// a page larger than <c>$top</c> means the whole table came back (taken as is); a page that repeats only rows
    /// already read means <c>$skip</c> was ignored (read again in one request); a page mixing new and repeated rows
    /// means the order was not stable — a readable error instead of wrong sums.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> GetBalanceAsync(ODataQuery query, IReadOnlyList<string> keyFields, CancellationToken cancellationToken)
    {
        var size = options.PageSize;
        var page = query with { OrderBy = string.Join(",", keyFields), Top = size, Skip = null };
        var rows = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var skip = 0; ; )
        {
            var batch = await GetAsync(page with { Skip = skip }, cancellationToken);
            if (batch.Count > size && skip == 0)
            {
                return batch;
            }
            var fresh = batch.Count(row => seen.Add(RowKey(row, keyFields)));
            if (batch.Count > 0 && fresh == 0)
            {
                logger.LogWarning("1C OData {Resource}: $skip on a virtual table was ignored; reading it in one request", query.Path);
                return await GetAsync(query with { OrderBy = null, Top = null, Skip = null }, cancellationToken);
            }
            if (fresh != batch.Count || batch.Count > size)
            {
                throw new ODataException(ODataFailure.BadResponse, new(
                    $"1С вернула страницы {query.Path} с повторами: порядок строк между запросами не сохраняется, остатки не прочитаны",
                    $"1C returned overlapping pages of {query.Path}: the row order is not stable between requests, balances were not read"),
                    query.Path);
            }
            rows.AddRange(batch);
            if (batch.Count < size) return rows;
            skip += batch.Count;
        }
    }

    private static string RowKey(JsonObject row, IReadOnlyList<string> keyFields) =>
        string.Join("\u001f", keyFields.Select(f => row[f]?.ToJsonString() ?? "null"));

    private async Task<JsonNode> SendAsync(ODataQuery query, CancellationToken cancellationToken)
    {
        var url = new Uri(connection.Root.AbsoluteUri + query.ToRelativeUrl());
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            LocalizedFailure failure;
            try
            {
                return await SendOnceAsync(url, query.Path, cancellationToken);
            }
            catch (TransientFailure e)
            {
                failure = e.Failure;
            }
            if (attempt >= options.MaxAttempts)
            {
                throw new ODataException(ODataFailure.Unavailable, new(
                    $"1С не отвечает ({failure.Reason}) после {attempt} попыток: проверьте, что база и веб-сервер публикации работают",
                    $"1C did not answer ({failure.Reason}) after {attempt} attempts: check that the infobase and its web server are running"),
                    query.Path, failure.Inner);
            }
            logger.LogWarning("1C OData {Resource}: {Reason}; attempt {Attempt} of {Max}, next in {Delay}",
                query.Path, failure.Reason, attempt, options.MaxAttempts, delay);
            await Task.Delay(delay, time, cancellationToken);
            delay += delay;
        }
    }

    private async Task<JsonNode> SendOnceAsync(Uri url, string resource, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = _auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        RequestsSent++;
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailure(new($"нет ответа за {options.RequestTimeout.TotalSeconds:0} с", e));
        }
        catch (HttpRequestException e)
        {
            throw new TransientFailure(new("соединение: " + e.Message, e));
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new ODataException(ODataFailure.Unauthorized, new(
                    "1С отклонила вход: проверьте логин/пароль OData и что у пользователя есть роль «Удалённый доступ OData»",
                    "1C refused the login: check the OData login/password and that the user has the OData remote access role"), resource);
            }
            if (status >= 500)
            {
                throw new TransientFailure(new($"HTTP {status}{Detail(text)}", null));
            }
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new ODataException(ODataFailure.Forbidden, new(
                    $"У пользователя OData нет прав на {resource}{Detail(text)}",
                    $"The OData user has no rights on {resource}{Detail(text)}"), resource);
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ODataException(ODataFailure.NotFound, new(
                    $"В 1С не найден объект {resource}: добавьте его в состав стандартного интерфейса OData или поправьте имя в настройках{Detail(text)}",
                    $"1C has no object {resource}: add it to the standard OData interface or fix the name in the settings{Detail(text)}"), resource);
            }
            if (status >= 400)
            {
                throw new ODataException(ODataFailure.Rejected, new(
                    $"1С отклонила запрос к {resource} (HTTP {status}){Detail(text)}",
                    $"1C rejected the request to {resource} (HTTP {status}){Detail(text)}"), resource);
            }
            try
            {
                return JsonNode.Parse(text) ?? throw new JsonException("empty body");
            }
            catch (JsonException e)
            {
                throw new ODataException(ODataFailure.BadResponse, new(
                    $"1С вернула некорректный JSON на {resource} ({e.Message}); начало ответа: {Head(text)}",
                    $"1C returned malformed JSON for {resource} ({e.Message}); the answer starts with: {Head(text)}"), resource, e);
            }
        }
    }

    private static IReadOnlyList<JsonObject> Rows(JsonNode body, string resource)
    {
        if (body is JsonObject o && o["value"] is JsonArray value && value.All(v => v is JsonObject))
        {
            return value.Select(v => v!.AsObject()).ToList();
        }
        throw new ODataException(ODataFailure.BadResponse, new(
            $"В ответе 1С на {resource} нет списка value", $"1C's answer for {resource} has no value list"), resource);
    }

    /// <summary>1C's own message from <c>odata.error</c>, when the body carries one.</summary>
    private static string Detail(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject o && o["odata.error"]?["message"]?["value"]?.GetValue<string>() is { Length: > 0 } m)
            {
                return ": " + m;
            }
        }
        catch (JsonException)
        {
        }
        return "";
    }

    private static string Head(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private sealed record LocalizedFailure(string Reason, Exception? Inner);

    private sealed class TransientFailure(LocalizedFailure failure) : Exception(failure.Reason, failure.Inner)
    {
        public LocalizedFailure Failure { get; } = failure;
    }
}
