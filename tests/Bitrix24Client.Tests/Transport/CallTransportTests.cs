using System.Collections.Concurrent;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Transport;

public class CallTransportTests : IAsyncLifetime
{
    private StubPortal _stub = null!;
    private readonly ManualTime _time = new() { AutoAdvance = true };

    public async Task InitializeAsync() => _stub = await StubPortal.StartAsync();
    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task OAuth_call_posts_json_with_auth_in_body_to_endpoint_plus_method()
    {
        var store = new MemoryTokenStore();
        store.Put(TestClients.Tokens(_stub, access: "tok-A"));
        _stub.Answer(_ => StubReply.Ok(new JArray(new JObject { ["ID"] = "1" }), total: 1));
        using var factory = TestClients.Factory(_stub, _time, store);

        var r = await factory.ForPortal(TestClients.MemberId).CallAsync("crm.deal.list", new { filter = new { STAGE_ID = "НОВАЯ" } });

        r.Total.Should().Be(1);
        var req = _stub.Requests.Single();
        req.Path.Should().Be("/rest/crm.deal.list");
        req.Json!["auth"]!.ToString().Should().Be("tok-A");
        req.Json["filter"]!["STAGE_ID"]!.ToString().Should().Be("НОВАЯ");
        req.Headers["Accept"].Should().Contain("application/json");
        req.Headers["Content-Type"].Should().StartWith("application/json");
        req.Headers["User-Agent"].Should().StartWith("WineB24-Bitrix24Client/");
        req.QueryString.Should().BeNullOrEmpty("tokens must never travel in URLs, where logs keep them");
    }

    [Fact]
    public async Task Webhook_call_has_no_auth_and_goes_under_the_webhook_path()
    {
        _stub.Answer(_ => StubReply.Ok(new JObject { ["ID"] = "1" }));
        using var factory = TestClients.Factory(_stub, _time);
        var client = factory.ForWebhook(new Uri(_stub.BaseUri, "rest/1/abcdef123"));

        await client.CallAsync("user.current");

        var req = _stub.Requests.Single();
        req.Path.Should().Be("/rest/1/abcdef123/user.current");
        req.Json!.ContainsKey("auth").Should().BeFalse();
        client.MemberId.Should().BeNull();
    }

    [Fact]
    public async Task Unverified_token_is_used_as_is_and_never_refreshed()
    {
        _stub.Answer(r => r.Path.Contains("oauth") ? StubReply.Ok(true) : StubReply.Error(401, "expired_token"));
        using var factory = TestClients.Factory(_stub, _time);
        var client = factory.ForUnverifiedToken(_stub.RestEndpoint, "install-token");

        var act = () => client.CallAsync("app.info");

        await act.Should().ThrowAsync<ExpiredTokenException>();
        _stub.Requests.Should().ContainSingle().Which.Json!["auth"]!.ToString().Should().Be("install-token");
    }

    [Fact]
    public async Task Domain_change_re_posts_the_body_to_the_new_location_and_reports_the_new_endpoint()
    {
        var store = new MemoryTokenStore();
        store.Put(TestClients.Tokens(_stub));
        var changes = new RecordingEndpointChanges();
        _stub.Answer(r => r.Path.StartsWith("/rest/")
            ? new StubReply(302, Location: new Uri(_stub.BaseUri, "renamed/rest/" + r.Method).ToString())
            : StubReply.Ok(new JObject { ["echo"] = r.Json!["fields"] }));
        using var factory = TestClients.Factory(_stub, _time, store, endpointChanges: [changes]);
        var client = factory.ForPortal(TestClients.MemberId);

        var r = await client.CallAsync("crm.company.update", new { id = 5, fields = new { TITLE = "Альпен" } }, CallKind.IdempotentWrite);
        await client.CallAsync("crm.company.get", new { id = 5 });

        r.Result["echo"]!["TITLE"]!.ToString().Should().Be("Альпен");
        var paths = _stub.Requests.Select(q => q.Path).ToList();
        paths.Should().Equal("/rest/crm.company.update", "/renamed/rest/crm.company.update", "/renamed/rest/crm.company.get");
        changes.Changes.Should().ContainSingle().Which.Should().Be((TestClients.MemberId, _stub.RestEndpoint, new Uri(_stub.BaseUri, "renamed/rest/")));
    }

    [Fact]
    public async Task Method_names_that_look_like_paths_are_refused()
    {
        using var factory = TestClients.Factory(_stub, _time);
        var act = () => factory.ForWebhook(new Uri(_stub.BaseUri, "rest/1/x/")).CallAsync("../admin?x=1");
        await act.Should().ThrowAsync<ArgumentException>();
        _stub.Requests.Should().BeEmpty();
    }

    private sealed class RecordingEndpointChanges : IPortalEndpointChanges
    {
        public ConcurrentQueue<(string?, Uri, Uri)> Changes { get; } = new();

        public Task EndpointChangedAsync(string? memberId, Uri oldEndpoint, Uri newEndpoint, CancellationToken cancellationToken)
        {
            Changes.Enqueue((memberId, oldEndpoint, newEndpoint));
            return Task.CompletedTask;
        }
    }
}
