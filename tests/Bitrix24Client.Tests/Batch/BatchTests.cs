using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Errors;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Batch;

public class BatchTests : IAsyncLifetime
{
    private StubPortal _stub = null!;
    private readonly ManualTime _time = new() { AutoAdvance = true };

    public async Task InitializeAsync() => _stub = await StubPortal.StartAsync();
    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private IBitrix24Client Client(Calls.Bitrix24ClientFactory f) => f.ForWebhook(new Uri(_stub.BaseUri, "rest/1/code/"));

    /// <summary>A batch emulation: every command succeeds with its key echoed, unless its method is crm.fail.</summary>
    private void EchoBatch(Func<string, StubReply?>? special = null)
    {
        _stub.Answer(r =>
        {
            if (special?.Invoke(r.Method) is { } s) return s;
            var result = new JObject();
            var errors = new JObject();
            foreach (var (key, cmd) in (JObject)r.Json!["cmd"]!)
            {
                var text = cmd!.ToString();
                if (text.StartsWith("crm.fail")) errors[key] = new JObject { ["error"] = "ERROR_CORE", ["error_description"] = "Preset not found" };
                else if (text.StartsWith("crm.limit")) errors[key] = new JObject { ["error"] = "QUERY_LIMIT_EXCEEDED", ["error_description"] = "Too many requests" };
                else result[key] = new JObject { ["cmd"] = text };
            }
            return StubReply.Ok(new JObject
            {
                ["result"] = result.Count == 0 ? new JArray() : result,
                ["result_error"] = errors.Count == 0 ? new JArray() : errors,
                ["result_total"] = new JArray(),
                ["result_next"] = new JArray(),
                ["result_time"] = new JArray(),
            });
        });
    }

    [Fact]
    public async Task More_than_fifty_commands_are_rejected_before_sending()
    {
        using var f = TestClients.Factory(_stub, _time);
        var commands = Enumerable.Range(0, 51).Select(i => new BatchCommand($"c{i}", "crm.deal.get", new { id = i })).ToList();

        var act = () => Client(f).BatchAsync(commands);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        _stub.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Batch_sends_encoded_commands_and_returns_results_and_errors_by_key()
    {
        EchoBatch();
        using var f = TestClients.Factory(_stub, _time);

        var r = await Client(f).BatchAsync(
        [
            new BatchCommand("company", "crm.company.add", new { fields = new { TITLE = "Альпен Handel" } }, CallKind.Create),
            new BatchCommand("rq", "crm.fail", new { x = 1 }),
            new BatchCommand("link", "crm.deal.update", new { id = "$result[company]", fields = new { COMPANY_ID = "$result[company]" } }, CallKind.IdempotentWrite),
        ], halt: false);

        var sent = _stub.Requests.Single().Json!;
        sent["halt"]!.Value<int>().Should().Be(0);
        sent["cmd"]!["company"]!.ToString().Should().Be("crm.company.add?fields[TITLE]=%D0%90%D0%BB%D1%8C%D0%BF%D0%B5%D0%BD%20Handel");
        sent["cmd"]!["link"]!.ToString().Should().Be("crm.deal.update?id=$result[company]&fields[COMPANY_ID]=$result[company]");
        r.Results.Keys.Should().BeEquivalentTo("company", "link");
        r.Errors.Should().ContainKey("rq").WhoseValue.Should().BeOfType<CoreErrorException>()
            .Which.Method.Should().Be("crm.fail");
        var read = () => r["rq"];
        read.Should().Throw<CoreErrorException>();
        r.NotRun.Should().BeEmpty();
    }

    [Fact]
    public async Task Batch_kind_is_the_most_dangerous_command_so_a_create_batch_is_not_resent_after_a_drop()
    {
        _stub.Answer(_ => new StubReply(0, Abort: true));
        using var f = TestClients.Factory(_stub, _time);

        var act = () => Client(f).BatchAsync([new BatchCommand("a", "crm.deal.get"), new BatchCommand("b", "crm.deal.add", null, CallKind.Create)]);

        await act.Should().ThrowAsync<Bitrix24TransportException>();
        _stub.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Commands_refused_for_limits_are_sent_again()
    {
        var round = 0;
        EchoBatch();
        var echo = _stub.Handler;
        _stub.Handler = async r =>
        {
            // First round: the "later" command is refused for the limit; the resend carries only it and succeeds.
            if (Interlocked.Increment(ref round) == 1)
            {
                r.Json!["cmd"]!["later"] = "crm.limit";
            }
            return await echo(r);
        };
        using var f = TestClients.Factory(_stub, _time);

        var result = await Client(f).BatchAsync([new BatchCommand("now", "crm.deal.get"), new BatchCommand("later", "crm.deal.list")]);

        result.Errors.Should().BeEmpty();
        result.Results.Keys.Should().BeEquivalentTo("now", "later");
        _stub.Requests.Should().HaveCount(2);
        ((JObject)_stub.Requests.Last().Json!["cmd"]!).Properties().Select(p => p.Name).Should().Equal("later");
    }

    [Fact]
    public async Task Run_splits_into_batches_of_fifty_in_order()
    {
        EchoBatch();
        using var f = TestClients.Factory(_stub, _time);
        var commands = Enumerable.Range(0, 120).Select(i => new BatchCommand($"k{i}", "crm.deal.get", new { id = i })).ToList();

        var r = await Client(f).RunAsync(commands);

        _stub.Requests.Select(q => ((JObject)q.Json!["cmd"]!).Count).Should().Equal(50, 50, 20);
        r.Results.Should().HaveCount(120);
        r.Results["k119"]["cmd"]!.ToString().Should().Be("crm.deal.get?id=119");
    }

    [Fact]
    public async Task Run_with_halt_stops_after_a_failing_batch_and_lists_what_did_not_run()
    {
        EchoBatch();
        using var f = TestClients.Factory(_stub, _time);
        var commands = Enumerable.Range(0, 60).Select(i => new BatchCommand($"k{i}", i == 3 ? "crm.fail" : "crm.deal.get")).ToList();

        var r = await Client(f).RunAsync(commands, halt: true);

        _stub.Requests.Should().HaveCount(1);
        _stub.Requests.Single().Json!["halt"]!.Value<int>().Should().Be(1);
        r.Errors.Keys.Should().Equal("k3");
        r.NotRun.Should().HaveCount(10).And.Contain("k59");
    }

    [Fact]
    public void Empty_parts_come_as_arrays_and_totals_and_nexts_are_read()
    {
        var commands = new[] { new BatchCommand("l", "crm.deal.list"), new BatchCommand("g", "crm.deal.get") };
        var result = JObject.Parse("""
            {"result":{"l":[{"ID":"1"}],"g":{"ID":"1"}},"result_error":[],"result_total":{"l":120},"result_next":{"l":50},
             "result_time":{"l":{"start":1,"finish":2,"duration":1,"processing":1,"operating":3.5,"operating_reset_at":1767399100}}}
            """);
        var r = BatchCalls.Read(commands, result);
        r.Totals["l"].Should().Be(120);
        r.Nexts["l"].Should().Be(50);
        r.Times["l"].Operating.Should().Be(3.5);
        r.Errors.Should().BeEmpty();
        r.Results.Should().HaveCount(2);
    }

    [Fact]
    public async Task Duplicate_keys_and_nested_batch_are_refused()
    {
        using var f = TestClients.Factory(_stub, _time);
        await ((Func<Task>)(() => Client(f).BatchAsync([new BatchCommand("a", "x.y"), new BatchCommand("a", "x.z")]))).Should().ThrowAsync<ArgumentException>();
        await ((Func<Task>)(() => Client(f).BatchAsync([new BatchCommand("a", "batch")]))).Should().ThrowAsync<ArgumentException>();
        _stub.Requests.Should().BeEmpty();
    }
}
