using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Transport;

public class RetryTests : IAsyncLifetime
{
    private StubPortal _stub = null!;
    private readonly ManualTime _time = new() { AutoAdvance = true };

    public async Task InitializeAsync() => _stub = await StubPortal.StartAsync();
    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private IBitrix24Client Webhook(Calls.Bitrix24ClientFactory factory) => factory.ForWebhook(new Uri(_stub.BaseUri, "rest/1/code/"));

    /// <summary>Answers with <paramref name="first"/> for the first <paramref name="times"/> requests, then success.</summary>
    private void FailFirst(int times, Func<StubReply> first)
    {
        var n = 0;
        _stub.Answer(_ => Interlocked.Increment(ref n) <= times ? first() : StubReply.Ok(new JObject { ["ok"] = true }));
    }

    [Theory]
    [InlineData(CallKind.Read)]
    [InlineData(CallKind.IdempotentWrite)]
    [InlineData(CallKind.Create)]
    public async Task Query_limit_refusals_are_retried_for_every_kind(CallKind kind)
    {
        FailFirst(2, () => StubReply.Error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"));
        using var factory = TestClients.Factory(_stub, _time);

        var r = await Webhook(factory).CallAsync("crm.company.add", new { fields = new { TITLE = "x" } }, kind);

        ((bool)r.Result["ok"]!).Should().BeTrue();
        _stub.Requests.Should().HaveCount(3);
        _time.Waits.Should().Contain(w => w > TimeSpan.Zero, "a refusal pauses the portal's bucket before the next try");
    }

    [Fact]
    public async Task Operation_time_limit_waits_until_the_reset_the_portal_announced()
    {
        var resetAt = _time.GetUtcNow().AddSeconds(300).ToUnixTimeSeconds();
        var n = 0;
        _stub.Answer(_ => Interlocked.Increment(ref n) switch
        {
            1 => StubReply.Ok(1, time: new JObject { ["start"] = 1, ["finish"] = 2, ["duration"] = 1, ["processing"] = 1, ["operating"] = 100, ["operating_reset_at"] = resetAt }),
            2 => StubReply.Error(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit"),
            _ => StubReply.Ok(2),
        });
        using var factory = TestClients.Factory(_stub, _time);
        var client = Webhook(factory);

        await client.CallAsync("crm.deal.list");
        var before = _time.GetUtcNow();
        var r = await client.CallAsync("crm.deal.list", kind: CallKind.Create);

        ((int)r.Result).Should().Be(2);
        _time.GetUtcNow().ToUnixTimeSeconds().Should().BeGreaterThanOrEqualTo(resetAt, "the retry waited for operating_reset_at");
        (_time.GetUtcNow() - before).Should().BeGreaterThan(TimeSpan.FromSeconds(299));
    }

    [Theory]
    [InlineData(CallKind.Read)]
    [InlineData(CallKind.IdempotentWrite)]
    public async Task A_dropped_connection_is_retried_for_reads_and_idempotent_writes(CallKind kind)
    {
        FailFirst(1, () => new StubReply(0, Abort: true));
        using var factory = TestClients.Factory(_stub, _time);

        var r = await Webhook(factory).CallAsync("crm.deal.update", new { id = 1 }, kind);

        ((bool)r.Result["ok"]!).Should().BeTrue();
        _stub.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_create_is_not_repeated_after_a_dropped_connection()
    {
        FailFirst(1, () => new StubReply(0, Abort: true));
        using var factory = TestClients.Factory(_stub, _time);

        var act = () => Webhook(factory).CallAsync("crm.deal.add", new { fields = new { TITLE = "x" } }, CallKind.Create);

        (await act.Should().ThrowAsync<Bitrix24TransportException>()).Which.MayHaveReachedPortal.Should().BeTrue();
        _stub.Requests.Should().HaveCount(1, "the deal may already exist");
    }

    [Theory]
    [InlineData(CallKind.Read, 2)]
    [InlineData(CallKind.Create, 1)]
    public async Task Internal_server_errors_are_retried_except_for_creates(CallKind kind, int expectedRequests)
    {
        FailFirst(1, () => StubReply.Error(500, "INTERNAL_SERVER_ERROR"));
        using var factory = TestClients.Factory(_stub, _time);

        var call = () => Webhook(factory).CallAsync("crm.deal.add", null, kind);

        if (kind == CallKind.Create) await call.Should().ThrowAsync<InternalServerErrorException>();
        else await call.Should().NotThrowAsync();
        _stub.Requests.Should().HaveCount(expectedRequests);
    }

    [Fact]
    public async Task Transient_retries_give_up_after_the_configured_count_with_growing_delays()
    {
        _stub.Answer(_ => new StubReply(502, Raw: "<html>502 Bad Gateway</html>"));
        using var factory = TestClients.Factory(_stub, _time, tweak: o => o.Retry.TransientRetries = 3);

        var act = () => Webhook(factory).CallAsync("crm.deal.list");

        (await act.Should().ThrowAsync<InternalServerErrorException>()).Which.Code.Should().Be("HTTP_502");
        _stub.Requests.Should().HaveCount(4);
        _time.Waits.Where(w => w > TimeSpan.Zero).Should().HaveCount(3);
    }

    [Theory]
    [InlineData(403, "ACCESS_DENIED")]
    [InlineData(400, "ERROR_CORE")]
    [InlineData(503, "OVERLOAD_LIMIT")]
    [InlineData(404, "ERROR_METHOD_NOT_FOUND")]
    public async Task Deterministic_errors_are_not_retried(int status, string code)
    {
        _stub.Answer(_ => StubReply.Error(status, code));
        using var factory = TestClients.Factory(_stub, _time);

        var act = () => Webhook(factory).CallAsync("crm.deal.list");

        (await act.Should().ThrowAsync<Bitrix24Exception>()).Which.Code.Should().Be(code);
        _stub.Requests.Should().HaveCount(1);
    }

    [Fact]
    public void Connection_refused_is_safe_to_repeat_even_for_creates()
    {
        var refused = new Bitrix24TransportException(Bitrix24TransportException.ConnectionRefused, "refused", 0, "crm.deal.add", mayHaveReachedPortal: false);
        var reset = new Bitrix24TransportException(Bitrix24TransportException.ConnectionFailed, "reset", 0, "crm.deal.add", mayHaveReachedPortal: true);
        RetryPolicies.IsTransientFor(CallKind.Create, refused).Should().BeTrue();
        RetryPolicies.IsTransientFor(CallKind.Create, reset).Should().BeFalse();
        RetryPolicies.IsTransientFor(CallKind.Read, reset).Should().BeTrue();
    }

    [Fact]
    public async Task A_closed_port_surfaces_as_connection_refused()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var factory = TestClients.Factory(_stub, _time, tweak: o => o.Retry.TransientRetries = 1);

        var act = () => factory.ForWebhook(new Uri($"http://127.0.0.1:{port}/rest/1/x/")).CallAsync("crm.deal.add", null, CallKind.Create);

        var ex = (await act.Should().ThrowAsync<Bitrix24TransportException>()).Which;
        ex.MayHaveReachedPortal.Should().BeFalse();
        ex.Code.Should().Be(Bitrix24TransportException.ConnectionRefused);
    }
}
