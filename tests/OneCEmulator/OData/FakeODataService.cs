using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WineB24.OneCEmulator.OData;

/// <summary>
/// 1C's standard OData interface on loopback (<c>{BaseUri}</c> = <c>http://127.0.0.1:{port}/{publication}/odata/standard.odata/</c>):
/// HTTP Basic, JSON answers shaped as 1C writes them (<c>odata.metadata</c> + <c>value</c>), <c>$filter</c> subset,
/// <c>$select</c>, <c>$orderby</c>, <c>$top</c>/<c>$skip</c> (no server-driven paging), keyed reads
/// <c>Set(guid'…')</c>, register <c>/Balance(Period=…,Condition=…,Dimensions=…)</c>, errors as
/// <c>odata.error</c> (XML unless JSON was asked for), and injected faults.
/// </summary>
public sealed class FakeODataService : IAsyncDisposable
{
    public const string Publication = "trade";
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeODataService(WebApplication app, Infobase infobase, string login, string password)
    {
        _app = app;
        Infobase = infobase;
        Login = login;
        Password = password;
    }

    public Infobase Infobase { get; }
    public string Login { get; set; }
    public string Password { get; set; }
    public ODataFaultPlan Faults { get; } = new();

    /// <summary>
    /// How <c>$top</c>/<c>$skip</c> act on register virtual tables. 1C does not document them there (a virtual table is a
    /// function returning complex-type rows, not an entity set), so tests run the client against each behaviour.
    /// </summary>
    public VirtualTablePaging VirtualTablePaging { get; set; } = VirtualTablePaging.Honoured;
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Decoded path and query of every request, in arrival order (401s included).</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public int RequestCount => _requests.Count;

    public static async Task<FakeODataService> StartAsync(Infobase infobase, string login = "odata", string password = "Пароль-1С")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new FakeODataService(app, infobase, login, password);
        app.Map("/" + Publication + "/odata/standard.odata/{**path}", service.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.BaseUri = new Uri(address.TrimEnd('/') + "/" + Publication + "/odata/standard.odata/");
        return service;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = (string?)ctx.Request.RouteValues["path"] ?? "";
        _requests.Enqueue(path + Uri.UnescapeDataString(ctx.Request.QueryString.Value ?? ""));
        var json = WantsJson(ctx.Request);
        try
        {
            if (!Authorized(ctx.Request))
            {
                ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"1C:Enterprise\"";
                ctx.Response.StatusCode = 401;
                return;
            }
            if (Faults.TryTake(out var fault) && await InjectAsync(ctx, fault))
            {
                return;
            }
            if (!HttpMethods.IsGet(ctx.Request.Method))
            {
                throw new ODataRequestException(405, "-1", "Метод не поддерживается тестовой службой");
            }
            var body = Answer(path, ctx.Request.Query);
            await WriteAsync(ctx, 200, body, json);
        }
        catch (ODataRequestException e)
        {
            await WriteErrorAsync(ctx, e, json);
        }
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var cut = decoded.IndexOf(':');
        return cut > 0 && decoded[..cut] == Login && decoded[(cut + 1)..] == Password;
    }

    private static bool WantsJson(HttpRequest request) =>
        string.Equals(request.Query["$format"], "json", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> InjectAsync(HttpContext ctx, ODataFault fault)
    {
        switch (fault)
        {
            case ODataFault.ServiceUnavailable:
                ctx.Response.StatusCode = 503;
                ctx.Response.ContentType = "text/html; charset=iso-8859-1";
                await ctx.Response.WriteAsync("<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>");
                return true;
            case ODataFault.InternalError:
                await WriteErrorAsync(ctx, new ODataRequestException(500, "-1", "Ошибка при выполнении операции над данными"), json: true);
                return true;
            case ODataFault.Unauthorized:
                ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"1C:Enterprise\"";
                ctx.Response.StatusCode = 401;
                return true;
            case ODataFault.BrokenJson:
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/json;odata=nometadata;charset=utf-8";
                await ctx.Response.WriteAsync("{\"odata.metadata\":\"…\",\"value\":[{\"Ref_Key\":\"3f1c");
                return true;
            case ODataFault.Hang:
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return true;
            default:
                return false;
        }
    }

    private JsonObject Answer(string path, IQueryCollection query)
    {
        var (target, function, key) = ParsePath(path);
        IEnumerable<JsonObject> rows;
        IReadOnlySet<string> properties;
        if (function is not null)
        {
            var register = Infobase.FindRegister(target) ?? throw NotFound(target);
            if (function.Name != "Balance")
            {
                throw new ODataRequestException(400, "6", $"Виртуальная таблица {function.Name} не поддерживается тестовой службой");
            }
            var dimensionSet = new HashSet<string>(register.Dimensions, StringComparer.Ordinal);
            var period = function.Args.TryGetValue("Period", out var p) ? ParseDate(p) : (DateTime?)null;
            var condition = function.Args.TryGetValue("Condition", out var c) ? ODataFilter.Parse(c, dimensionSet) : null;
            IReadOnlyList<string>? groupBy = null;
            if (function.Args.TryGetValue("Dimensions", out var d))
            {
                // Dimensions takes the register's dimension names (Склад), not output fields (Склад_Key).
                groupBy = d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .SelectMany(x => register.DimensionFields(x) ?? throw new ODataRequestException(400, "6", $"Неизвестное измерение {x}"))
                    .ToList();
            }
            rows = register.Balance(period, condition, groupBy);
            properties = register.BalanceProperties;
            if (query["$orderby"].Count == 0 || VirtualTablePaging == VirtualTablePaging.OrderIgnored)
            {
                // A virtual table is a GROUP BY: without $orderby the DBMS returns groups in no particular order,
                // and not the same order twice — $top/$skip pages without $orderby overlap and miss rows.
                rows = rows.OrderBy(_ => Random.Shared.Next()).ToList();
            }
        }
        else
        {
            var set = Infobase.Set(target) ?? throw NotFound(target);
            rows = set.Rows.Select(r => (JsonObject)r.DeepClone());
            properties = set.Properties;
            if (key is not null)
            {
                var one = rows.FirstOrDefault(r => string.Equals(r["Ref_Key"]?.GetValue<string>(), key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ODataRequestException(404, "-1", "Объект не найден");
                var single = Select(one, query["$select"].ToString(), properties);
                single["odata.metadata"] = Metadata(target, "/@Element");
                return single;
            }
        }
        if (query["$filter"].ToString() is { Length: > 0 } filter)
        {
            var parsed = ODataFilter.Parse(filter, properties);
            rows = rows.Where(parsed.Matches);
        }
        if (!(function is not null && VirtualTablePaging == VirtualTablePaging.OrderIgnored)) rows = Order(rows, query["$orderby"].ToString(), properties);
        var virtualTable = function is not null;
        if (Number(query, "$skip") is { } skip && !(virtualTable && VirtualTablePaging != VirtualTablePaging.Honoured)) rows = rows.Skip(skip);
        if (Number(query, "$top") is { } top && !(virtualTable && VirtualTablePaging == VirtualTablePaging.Ignored)) rows = rows.Take(top);
        var select = query["$select"].ToString();
        var value = new JsonArray(rows.Select(r => (JsonNode)Select(r, select, properties)).ToArray());
        return new JsonObject
        {
            ["odata.metadata"] = Metadata(target, function is null ? "" : "/" + function.Name),
            ["value"] = value,
        };
    }

    private string Metadata(string target, string suffix) => BaseUri + "$metadata#" + target + suffix;

    private static ODataRequestException NotFound(string target) =>
        new(404, "9", $"Не найден объект или он не входит в состав стандартного интерфейса OData: {target}");

    private sealed record FunctionCall(string Name, Dictionary<string, string> Args);

    /// <summary><c>Set</c>, <c>Set(guid'…')</c>, <c>Register/Balance</c>, <c>Register/Balance(Period=…,Condition='…')</c>.</summary>
    private static (string Target, FunctionCall? Function, string? Key) ParsePath(string path)
    {
        var slash = path.IndexOf('/');
        var head = slash < 0 ? path : path[..slash];
        var tail = slash < 0 ? null : path[(slash + 1)..];
        string? key = null;
        var open = head.IndexOf('(');
        if (open > 0)
        {
            var inner = head[(open + 1)..].TrimEnd(')');
            if (!inner.StartsWith("guid'", StringComparison.Ordinal)) throw new ODataRequestException(400, "6", "Ключ объекта задаётся как guid'…'");
            key = inner[5..].TrimEnd('\'');
            head = head[..open];
        }
        if (tail is null) return (head, null, key);
        if (tail.Contains('/')) throw new ODataRequestException(400, "6", "Лишние сегменты в адресе");
        var fopen = tail.IndexOf('(');
        var name = fopen < 0 ? tail : tail[..fopen];
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fopen >= 0)
        {
            if (!tail.EndsWith(')')) throw new ODataRequestException(400, "6", "Не закрыта скобка параметров виртуальной таблицы");
            foreach (var (k, v) in SplitArgs(tail[(fopen + 1)..^1])) args[k] = v;
        }
        return (head, new FunctionCall(name, args), key);
    }

    /// <summary><c>Period=datetime'…',Condition='A eq ''x'''</c>: commas inside quotes do not split; quotes are undoubled.</summary>
    private static IEnumerable<(string, string)> SplitArgs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0) throw new ODataRequestException(400, "6", "Ошибка в параметрах виртуальной таблицы");
            var name = text[i..eq].Trim();
            i = eq + 1;
            var prefix = "";
            if (text.AsSpan(i).StartsWith("datetime'")) { prefix = "datetime"; i += 8; }
            if (i >= text.Length || text[i] != '\'') throw new ODataRequestException(400, "6", $"Параметр {name}: значение должно быть в кавычках");
            var sb = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length) throw new ODataRequestException(400, "6", $"Параметр {name}: незакрытая кавычка");
                if (text[i] == '\'')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                    i++;
                    break;
                }
                sb.Append(text[i++]);
            }
            yield return (name, prefix.Length > 0 ? sb.ToString() : sb.ToString());
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
        }
    }

    private static DateTime ParseDate(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ODataRequestException(400, "6", $"Неверная дата '{text}'");

    private static int? Number(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ODataRequestException(400, "6", $"Неверное значение {name}");
    }

    private static IEnumerable<JsonObject> Order(IEnumerable<JsonObject> rows, string orderBy, IReadOnlySet<string> properties)
    {
        if (orderBy.Length == 0) return rows;
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var part in orderBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = bits[0];
            if (!properties.Contains(name)) throw new ODataRequestException(400, "6", $"Неизвестное поле в $orderby: {name}");
            var desc = bits.Length > 1 && bits[1] == "desc";
            Func<JsonObject, string> key = r => ODataFilter.Value(r[name]) switch
            {
                decimal d => d.ToString("0000000000000000.0000", CultureInfo.InvariantCulture),
                var v => v?.ToString() ?? "",
            };
            ordered = ordered is null
                ? desc ? rows.OrderByDescending(key, StringComparer.Ordinal) : rows.OrderBy(key, StringComparer.Ordinal)
                : desc ? ordered.ThenByDescending(key, StringComparer.Ordinal) : ordered.ThenBy(key, StringComparer.Ordinal);
        }
        return ordered ?? rows;
    }

    private static JsonObject Select(JsonObject row, string select, IReadOnlySet<string> properties)
    {
        if (select.Length == 0 || select == "*") return row;
        var picked = new JsonObject();
        foreach (var name in select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!properties.Contains(name)) throw new ODataRequestException(400, "6", $"Неизвестное поле в $select: {name}");
            picked[name] = row[name]?.DeepClone();
            // A composite-type value travels with its type (sheet §3.2), asked or not.
            if (row.ContainsKey(name + "_Type")) picked[name + "_Type"] = row[name + "_Type"]?.DeepClone();
        }
        return picked;
    }

    private static async Task WriteAsync(HttpContext ctx, int status, JsonObject body, bool json)
    {
        if (!json)
        {
            // A real infobase answers Atom XML without $format=json; the connector always asks for JSON, so the
            // fake refuses to pretend and says so.
            await WriteErrorAsync(ctx, new ODataRequestException(406, "-1", "Тестовая служба отвечает только в JSON: добавьте $format=json"), json: false);
            return;
        }
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json;odata=nometadata;charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString(JsonOptions));
    }

    private static async Task WriteErrorAsync(HttpContext ctx, ODataRequestException e, bool json)
    {
        ctx.Response.StatusCode = e.Status;
        if (json)
        {
            ctx.Response.ContentType = "application/json;charset=utf-8";
            var error = new JsonObject
            {
                ["odata.error"] = new JsonObject
                {
                    ["code"] = e.Code,
                    ["message"] = new JsonObject { ["lang"] = "ru", ["value"] = e.Message },
                },
            };
            await ctx.Response.WriteAsync(error.ToJsonString(JsonOptions));
            return;
        }
        ctx.Response.ContentType = "application/xml;charset=utf-8";
        await ctx.Response.WriteAsync(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><m:error xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">"
            + $"<m:code>{WebUtility.HtmlEncode(e.Code)}</m:code><m:message xml:lang=\"ru\">{WebUtility.HtmlEncode(e.Message)}</m:message></m:error>");
    }
}

/// <summary>What a publication does with <c>$top</c>/<c>$skip</c> on <c>…/Balance(…)</c>.</summary>
public enum VirtualTablePaging
{
    /// <summary>Both applied after <c>$orderby</c>, as on entity sets.</summary>
    Honoured,
    /// <summary><c>$top</c> applied, <c>$skip</c> ignored: every page is the first one.</summary>
    SkipIgnored,
    /// <summary>Both ignored: the whole table in every answer.</summary>
    Ignored,
    /// <summary><c>$top</c>/<c>$skip</c> applied but <c>$orderby</c> ignored: pages of a different order every time.</summary>
    OrderIgnored,
}
