using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Auth;

public class RefreshTests : IAsyncLifetime
{
    private StubPortal _stub = null!;
    private readonly ManualTime _time = new() { AutoAdvance = true };
    private readonly MemoryTokenStore _store = new();

    public async Task InitializeAsync()
    {
        _stub = await StubPortal.StartAsync();
        _store.Put(TestClients.Tokens(_stub, "old-access", "old-refresh"));
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    /// <summary>The portal accepts only <paramref name="valid"/>; the OAuth server swaps old-refresh for new-*.</summary>
    private void PortalWithRotation(Func<string, bool> valid, int? oauthDelayMs = null)
    {
        _stub.Handler = async r =>
        {
            if (r.Path == "/oauth/token/")
            {
                if (oauthDelayMs is { } d) await Task.Delay(d); // widen the race window for concurrent callers
                if (r.Form.GetValueOrDefault("refresh_token") != "old-refresh") return StubReply.Error(400, "invalid_grant", "used");
                return new StubReply(200, new JObject
                {
                    ["access_token"] = "new-access", ["refresh_token"] = "new-refresh", ["expires"] = 1767405600,
                    ["expires_in"] = 3600, ["member_id"] = TestClients.MemberId,
                    ["client_endpoint"] = _stub.RestEndpoint.ToString(), ["domain"] = "oauth.bitrix.info",
                });
            }
            var token = r.Json?["auth"]?.ToString() ?? "";
            _store.Journal.Enqueue("used:" + token);
            return valid(token) ? StubReply.Ok(new JObject { ["ok"] = true }) : StubReply.Error(401, "expired_token", "The access token provided has expired.");
        };
    }

    [Fact]
    public async Task Eight_concurrent_callers_share_one_refresh_saved_before_use_and_all_succeed()
    {
        PortalWithRotation(t => t == "new-access", oauthDelayMs: 200);
        using var factory = TestClients.Factory(_stub, _time, _store);
        var client = factory.ForPortal(TestClients.MemberId);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => client.CallAsync("crm.company.add", new { fields = new { TITLE = $"К{i}" } }, CallKind.Create))));

        results.Should().HaveCount(8).And.OnlyContain(r => (bool)r.Result["ok"]!);
        _stub.Count("token").Should().Be(1, "concurrent 401s of one portal coalesce into one refresh");
        var form = _stub.Requests.Single(r => r.Method == "token").Form;
        form["grant_type"].Should().Be("refresh_token");
        form["client_id"].Should().Be("app.67a0b1c2.11223344");
        form["client_secret"].Should().Be("s3cr3t-never-logged");
        var journal = _store.Journal.ToList();
        journal.IndexOf("saved:new-access").Should().BeGreaterThanOrEqualTo(0)
            .And.BeLessThan(journal.IndexOf("used:new-access"), "the new pair is persisted before anyone uses it");
        _store.Peek(TestClients.MemberId)!.RefreshToken.Should().Be("new-refresh");
        _store.Peek(TestClients.MemberId)!.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1767405600));
        journal.Count(e => e == "used:new-access").Should().Be(8);
    }

    [Fact]
    public async Task A_caller_that_finds_a_newer_token_in_the_store_does_not_refresh()
    {
        PortalWithRotation(t => t == "other-access");
        using var factory = TestClients.Factory(_stub, _time, _store);
        var client = factory.ForPortal(TestClients.MemberId);
        // Another instance refreshed meanwhile: the first call fails with the old token, the store has a new one.
        var first = true;
        _stub.Handler = r =>
        {
            if (first)
            {
                first = false;
                _store.Put(TestClients.Tokens(_stub, "other-access", "other-refresh"));
                return Task.FromResult(StubReply.Error(401, "expired_token"));
            }
            return Task.FromResult(r.Json?["auth"]?.ToString() == "other-access" ? StubReply.Ok(1) : StubReply.Error(401, "expired_token"));
        };

        var r = await client.CallAsync("crm.deal.get", new { id = 1 });

        ((int)r.Result).Should().Be(1);
        _stub.Count("token").Should().Be(0);
    }

    [Fact]
    public async Task Refresh_happens_only_once_per_call_then_the_error_surfaces()
    {
        PortalWithRotation(_ => false);
        using var factory = TestClients.Factory(_stub, _time, _store);

        var act = () => factory.ForPortal(TestClients.MemberId).CallAsync("crm.deal.get", new { id = 1 });

        await act.Should().ThrowAsync<ExpiredTokenException>();
        _stub.Count("token").Should().Be(1);
        _stub.Count("crm.deal.get").Should().Be(2);
    }

    [Fact]
    public async Task Invalid_token_is_not_refreshed()
    {
        _stub.Answer(_ => StubReply.Error(401, "invalid_token"));
        using var factory = TestClients.Factory(_stub, _time, _store);

        var act = () => factory.ForPortal(TestClients.MemberId).CallAsync("crm.deal.get", new { id = 1 });

        await act.Should().ThrowAsync<InvalidTokenException>();
        _stub.Count("token").Should().Be(0);
    }

    [Theory]
    [InlineData("invalid_grant")]
    [InlineData("invalid_client")]
    [InlineData("PAYMENT_REQUIRED")]
    public async Task Dead_grant_marks_the_portal_and_later_calls_fail_fast_without_network(string oauthError)
    {
        _stub.Answer(r => r.Path == "/oauth/token/" ? StubReply.Error(400, oauthError, "dead") : StubReply.Error(401, "expired_token"));
        using var factory = TestClients.Factory(_stub, _time, _store);
        var client = factory.ForPortal(TestClients.MemberId);

        var first = () => client.CallAsync("crm.deal.get", new { id = 1 });
        var ex = (await first.Should().ThrowAsync<PortalNeedsAttentionException>()).Which;
        ex.Code.Should().Be(oauthError);
        ex.MemberId.Should().Be(TestClients.MemberId);
        _store.Attention.Should().ContainSingle().Which.Should().Be((TestClients.MemberId, oauthError));
        var seen = _stub.Requests.Count;

        for (var i = 0; i < 5; i++)
            await ((Func<Task>)(() => client.CallAsync("crm.deal.get", new { id = 1 }))).Should().ThrowAsync<PortalNeedsAttentionException>();

        _stub.Requests.Count.Should().Be(seen, "no retry storm against a dead portal");
        _store.Attention.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_new_pair_in_the_store_revives_a_portal_marked_for_attention()
    {
        _stub.Answer(r => r.Path == "/oauth/token/" ? StubReply.Error(400, "invalid_grant")
            : r.Json?["auth"]?.ToString() == "reinstalled" ? StubReply.Ok(true) : StubReply.Error(401, "expired_token"));
        using var factory = TestClients.Factory(_stub, _time, _store);
        var client = factory.ForPortal(TestClients.MemberId);
        await ((Func<Task>)(() => client.CallAsync("app.info"))).Should().ThrowAsync<PortalNeedsAttentionException>();

        _store.Put(TestClients.Tokens(_stub, "reinstalled", "reinstalled-refresh"));
        var r = await client.CallAsync("app.info");

        ((bool)r.Result).Should().BeTrue();
    }

    [Theory]
    [InlineData(410, "PORTAL_DELETED")]
    [InlineData(402, "PAYMENT_REQUIRED")]
    public async Task Portal_level_errors_on_a_call_mark_the_portal(int status, string code)
    {
        _stub.Answer(_ => StubReply.Error(status, code));
        using var factory = TestClients.Factory(_stub, _time, _store);
        var client = factory.ForPortal(TestClients.MemberId);

        await ((Func<Task>)(() => client.CallAsync("crm.deal.list"))).Should().ThrowAsync<PortalNeedsAttentionException>()
            .Where(e => e.Code == code && e.InnerException is Bitrix24Exception);
        await ((Func<Task>)(() => client.CallAsync("crm.deal.list"))).Should().ThrowAsync<PortalNeedsAttentionException>();

        _stub.Requests.Should().HaveCount(1);
        _store.Attention.Should().ContainSingle();
    }

    [Fact]
    public async Task Unknown_portal_fails_without_network()
    {
        using var factory = TestClients.Factory(_stub, _time, _store);
        var act = () => factory.ForPortal("ffffffffffffffffffffffffffffffff").CallAsync("app.info");
        (await act.Should().ThrowAsync<PortalNeedsAttentionException>()).Which.Code.Should().Be(PortalNeedsAttentionException.NoTokens);
        _stub.Requests.Should().BeEmpty();
    }
}
