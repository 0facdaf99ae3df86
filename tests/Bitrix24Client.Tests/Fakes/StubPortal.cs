using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>What the stub saw: the path, the REST method (last path segment), the JSON body or form fields.</summary>
public sealed record StubRequest(string Path, string Method, JObject? Json, IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers, string? QueryString);

/// <summary>What the stub answers: JSON with a status, a redirect, a raw body, or a dropped connection.</summary>
public sealed record StubReply(int Status, JToken? Json = null, string? Location = null, string? Raw = null, bool Abort = false)
{
    public static StubReply Ok(JToken result, int? total = null, int? next = null, JObject? time = null)
    {
        var body = new JObject { ["result"] = result };
        if (total is not null) body["total"] = total;
        if (next is not null) body["next"] = next;
        body["time"] = time ?? new JObject { ["start"] = 1, ["finish"] = 1.1, ["duration"] = 0.1, ["processing"] = 0.05 };
        return new StubReply(200, body);
    }

    public static StubReply Error(int status, string code, string description = "") =>
        new(status, new JObject { ["error"] = code, ["error_description"] = description });
}

/// <summary>A tiny Bitrix24 stand-in on 127.0.0.1 with an ephemeral port, programmable per request.</summary>
public sealed class StubPortal : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubPortal(WebApplication app) => _app = app;

    public Func<StubRequest, Task<StubReply>> Handler { get; set; } = _ => Task.FromResult(StubReply.Ok(true));

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The portal's REST root, <c>http://127.0.0.1:port/rest/</c>.</summary>
    public Uri RestEndpoint => new(BaseUri, "rest/");

    public void Answer(Func<StubRequest, StubReply> handler) => Handler = r => Task.FromResult(handler(r));

    public int Count(string method) => Requests.Count(r => r.Method == method);

    public static async Task<StubPortal> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        // The console lifetime hooks process exit and waits for the host; a test host must be free to exit.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        var app = builder.Build();
        var stub = new StubPortal(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        JObject? json = null;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (k, v) in await context.Request.ReadFormAsync()) form[k] = v.ToString();
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0)
            {
                using var jr = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                json = JObject.Load(jr);
            }
        }
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var trimmed = path.TrimEnd('/');
        var request = new StubRequest(path, trimmed[(trimmed.LastIndexOf('/') + 1)..], json, form, headers, context.Request.QueryString.Value);
        Requests.Enqueue(request);
        var reply = await Handler(request);
        if (reply.Abort)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = reply.Status;
        if (reply.Location is not null) context.Response.Headers.Location = reply.Location;
        if (reply.Raw is not null)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(reply.Raw);
        }
        else if (reply.Json is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(reply.Json.ToString(Formatting.None));
        }
    }

    private sealed class QuietLifetime : Microsoft.Extensions.Hosting.IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
