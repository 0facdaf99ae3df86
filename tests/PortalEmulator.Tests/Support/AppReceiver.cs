using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WineB24.PortalEmulator.Http;

namespace WineB24.PortalEmulator.Tests.Support;

/// <summary>What the app side received: path, parsed query and parsed form body.</summary>
public sealed record Received(string Path, JsonObject Query, JsonObject Form, string RawBody);

/// <summary>A tiny loopback "app" that records every POST and answers 200.</summary>
public sealed class AppReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private LoopbackHost? _host;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<Received> Requests => _received.ToList();

    public int StatusToReturn { get; set; } = 200;

    public static async Task<AppReceiver> StartAsync()
    {
        var receiver = new AppReceiver();
        receiver._host = await LoopbackHost.StartAsync(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new Received(ctx.Request.Path.Value ?? "", PhpForm.Parse(ctx.Request.QueryString.Value), PhpForm.Parse(body), body));
            ctx.Response.StatusCode = receiver.StatusToReturn;
            await ctx.Response.WriteAsync("<html>ok</html>");
        });
        receiver.BaseUrl = new Uri($"http://{receiver._host.Authority}/");
        return receiver;
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
