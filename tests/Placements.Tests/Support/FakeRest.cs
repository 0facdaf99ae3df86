using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Inbound;
using WineB24.Placements.Settings;

namespace WineB24.Placements.Tests.Support;

/// <summary>Canned REST answers per method; a method without an answer fails like Bitrix24 does.</summary>
public sealed class FakeRest(string? memberId) : IBitrix24Client
{
    public string? MemberId { get; } = memberId;
    public ConcurrentDictionary<string, Func<JToken>> Answers { get; } = new();

    public Task<Bitrix24Response> CallAsync(string method, object? parameters = null, CallKind kind = CallKind.Read, CancellationToken cancellationToken = default) =>
        Answers.TryGetValue(method, out var answer)
            ? Task.FromResult(new Bitrix24Response(answer(), null, null, null))
            : throw new Bitrix24Exception("ERROR_METHOD_NOT_FOUND", "Method not found!", 404, method);
}

/// <summary>The test's one portal: directory entry, stored-token client, viewer-token client, connection state.</summary>
public sealed class FakePortal : IPortalDirectory, IBitrix24ClientFactory, IPortalConnectionState
{
    public const string MemberId = "9d2c41e7b0a3";
    public const string AppToken = "c0ffee12ab";
    public const string Domain = "vino.bitrix24.ru";

    public FakeRest Api { get; } = new(MemberId);
    public FakeRest Viewer { get; } = new(null);
    public ConcurrentQueue<(Uri Endpoint, string Token)> ViewerLogins { get; } = new();
    public PortalConnection? Connection { get; set; }

    public FakePortal()
    {
        Viewer.Answers["user.current"] = () => JObject.Parse("""{"ID":"17","NAME":"Ирина"}""");
        Api.Answers["app.info"] = () => JObject.Parse("""{"ID":7,"CODE":"wineb24","LICENSE":"ru_basic","STATUS":"P","INSTALLED":true}""");
        Api.Answers["bizproc.robot.list"] = () => new JArray();
        Api.Answers["placement.get"] = () => new JArray();
        Api.Answers["event.get"] = () => new JArray();
    }

    public Task<PortalIdentity?> FindAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(memberId == MemberId ? new PortalIdentity(MemberId, Domain, AppToken, true, "ru") : null);

    public IBitrix24Client ForPortal(string memberId) => memberId == MemberId ? Api : throw new InvalidOperationException("unknown portal " + memberId);
    public IBitrix24Client ForWebhook(Uri webhookUrl) => throw new InvalidOperationException("placements never use webhooks");

    public IBitrix24Client ForUnverifiedToken(Uri clientEndpoint, string accessToken)
    {
        ViewerLogins.Enqueue((clientEndpoint, accessToken));
        return Viewer;
    }

    public Task<PortalConnection?> GetAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult(Connection);
}
