using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Bitrix24Client.Batch;
using WineB24.Bitrix24Client.Calls;
using WineB24.Bitrix24Client.Limits;
using WineB24.Bitrix24Client.Tests.Fakes;

namespace WineB24.Bitrix24Client.Tests.Limits;

public class OperatingGovernorTests
{
    private readonly ManualTime _time = new();
    private OperatingGovernor Governor() => new(() => PortalLimits.Standard, _time, TimeSpan.FromSeconds(60));
    private ResponseTime Time(double? operating, int? resetInSeconds) =>
        new(1, 2, 1, 1, operating, resetInSeconds is { } s ? _time.GetUtcNow().AddSeconds(s).ToUnixTimeSeconds() : null);

    [Fact]
    public void Below_the_throttle_fraction_nothing_waits()
    {
        var g = Governor();
        g.Observe("crm.deal.list", Time(380, 100)); // 0.79 of 480
        g.DelayFor("crm.deal.list").Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Above_the_fraction_the_delay_grows_towards_the_reset()
    {
        var g = Governor();
        g.Observe("crm.deal.list", Time(432, 100)); // half-way between 384 (80 %) and 480
        g.DelayFor("crm.deal.list").Should().BeCloseTo(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(1));
        g.Observe("crm.deal.list", Time(470, 100));
        g.DelayFor("crm.deal.list").Should().BeGreaterThan(TimeSpan.FromSeconds(85));
        g.DelayFor("crm.deal.get").Should().Be(TimeSpan.Zero, "budgets are per method");
    }

    [Fact]
    public void At_the_budget_the_method_waits_until_the_reset_and_then_runs()
    {
        var g = Governor();
        g.Observe("crm.deal.list", Time(480, 200));
        g.DelayFor("crm.deal.list").Should().Be(TimeSpan.FromSeconds(200));
        _time.Advance(TimeSpan.FromSeconds(200));
        g.DelayFor("crm.deal.list").Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Without_operating_fields_nothing_is_delayed()
    {
        var g = Governor();
        g.Observe("crm.deal.list", Time(null, null));
        g.Observe("crm.deal.list", null);
        g.DelayFor("crm.deal.list").Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_refusal_without_a_known_reset_waits_the_fallback()
    {
        var g = Governor();
        g.Block("crm.deal.list");
        g.DelayFor("crm.deal.list").Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_call_near_the_budget_is_held_back_by_the_client()
    {
        await using var stub = await StubPortal.StartAsync();
        var time = new ManualTime { AutoAdvance = true };
        var reset = time.GetUtcNow().AddSeconds(100).ToUnixTimeSeconds();
        stub.Answer(_ => StubReply.Ok(true, time: new JObject { ["start"] = 1, ["finish"] = 2, ["duration"] = 1, ["processing"] = 1, ["operating"] = 432, ["operating_reset_at"] = reset }));
        using var factory = TestClients.Factory(stub, time);
        var client = factory.ForWebhook(new Uri(stub.BaseUri, "rest/1/x/"));

        await client.CallAsync("crm.deal.list");
        time.Waits.Clear();
        await client.CallAsync("crm.deal.list");

        time.Waits.Should().Contain(w => w > TimeSpan.FromSeconds(45) && w < TimeSpan.FromSeconds(55));
    }

    [Fact]
    public async Task Batch_result_time_is_counted_per_nested_method()
    {
        await using var stub = await StubPortal.StartAsync();
        var time = new ManualTime { AutoAdvance = true };
        var reset = time.GetUtcNow().AddSeconds(200).ToUnixTimeSeconds();
        stub.Answer(r => r.Method == "batch"
            ? StubReply.Ok(new JObject
            {
                ["result"] = new JObject { ["d"] = new JArray() },
                ["result_error"] = new JArray(),
                ["result_total"] = new JObject { ["d"] = 0 },
                ["result_next"] = new JArray(),
                ["result_time"] = new JObject { ["d"] = new JObject { ["start"] = 1, ["finish"] = 2, ["duration"] = 1, ["processing"] = 1, ["operating"] = 480, ["operating_reset_at"] = reset } },
            })
            : StubReply.Ok(true));
        using var factory = TestClients.Factory(stub, time);
        var client = factory.ForWebhook(new Uri(stub.BaseUri, "rest/1/x/"));

        await client.BatchAsync([new BatchCommand("d", "crm.deal.list")]);
        await client.CallAsync("crm.contact.list");
        time.GetUtcNow().ToUnixTimeSeconds().Should().BeLessThan(reset, "other methods are not held back");
        await client.CallAsync("crm.deal.list");

        time.GetUtcNow().ToUnixTimeSeconds().Should().BeGreaterThanOrEqualTo(reset);
    }
}
