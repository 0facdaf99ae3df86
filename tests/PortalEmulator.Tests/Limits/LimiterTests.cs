using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.PortalEmulator.Tests.Support;
using WineB24.PortalEmulator.Time;

namespace WineB24.PortalEmulator.Tests.Limits;

public sealed class LimiterTests
{
    /// <summary>A clock that practically stands still until the test advances it.</summary>
    private static ScaledTimeProvider Frozen() => new(1e-9);

    [Fact]
    public async Task Bucket_refuses_after_burst_and_recovers_as_it_drains()
    {
        var clock = Frozen();
        await using var f = await EmulatorFixture.StartAsync(cloudOptions: new CloudOptions { Time = clock });

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 52; i++)
        {
            first.Add((await f.CallAsync("user.admin")).Status);
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            afterOneSecond.Add((await f.CallAsync("user.admin")).Status);
        }

        first.Take(50).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        first.Skip(50).Should().AllBeEquivalentTo(HttpStatusCode.ServiceUnavailable);
        afterOneSecond.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        f.Portal.Stats.QueryLimitRejections.Should().Be(3);
        f.Portal.Stats.Requests.Should().Be(55);
    }

    [Fact]
    public async Task Enterprise_bucket_is_250_and_the_error_is_query_limit_exceeded()
    {
        var clock = Frozen();
        await using var f = await EmulatorFixture.StartAsync(new PortalOptions { Plan = PortalPlan.Enterprise }, new CloudOptions { Time = clock });

        RawAnswer? last = null;
        var ok = 0;
        for (var i = 0; i < 251; i++)
        {
            last = await f.CallAsync("user.admin");
            ok += last.Status == HttpStatusCode.OK ? 1 : 0;
        }

        ok.Should().Be(250);
        last!.Error.Should().Be("QUERY_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task In_fast_scaled_time_a_paced_client_is_never_refused()
    {
        var clock = new ScaledTimeProvider(200);
        await using var f = await EmulatorFixture.StartAsync(new PortalOptions { RatePerSecond = 2, Burst = 5 }, new CloudOptions { Time = clock });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await f.CallAsync("user.admin")).Status);
            await Task.Delay(TimeSpan.FromSeconds(0.6), clock);
        }

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Operating_limit_lets_the_crossing_call_run_then_429_until_reset()
    {
        var clock = Frozen();
        var options = new PortalOptions();
        options.MethodCostSeconds["crm.lead.list"] = 100;
        await using var f = await EmulatorFixture.StartAsync(options, new CloudOptions { Time = clock });
        var start = clock.GetUtcNow().ToUnixTimeSeconds();

        var answers = new List<RawAnswer>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await f.CallAsync("crm.lead.list"));
        }
        var otherMethod = await f.CallAsync("crm.deal.list");
        clock.Advance(TimeSpan.FromMinutes(10));
        var afterReset = await f.CallAsync("crm.lead.list");

        answers.Take(5).Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
        answers[4].Body!["time"]!["operating"]!.GetValue<double>().Should().Be(500);
        answers[0].Body!["time"]!["operating_reset_at"]!.GetValue<long>().Should().Be(start + 600);
        answers[5].Status.Should().Be((HttpStatusCode)429);
        answers[5].Error.Should().Be("OPERATION_TIME_LIMIT");
        otherMethod.Status.Should().Be(HttpStatusCode.OK);
        afterReset.Status.Should().Be(HttpStatusCode.OK);
        afterReset.Body!["time"]!["operating"]!.GetValue<double>().Should().Be(100);
        f.Portal.Stats.OperatingRejections.Should().Be(1);
        f.Portal.Stats.Calls("crm.lead.list").Should().Be(6);
    }

    [Fact]
    public async Task Batch_is_one_request_but_each_command_counts_for_operating()
    {
        var clock = Frozen();
        var options = new PortalOptions();
        options.MethodCostSeconds["crm.lead.list"] = 200;
        await using var f = await EmulatorFixture.StartAsync(options, new CloudOptions { Time = clock });
        var cmd = new JsonObject();
        for (var i = 0; i < 4; i++)
        {
            cmd["l" + i] = "crm.lead.list";
        }

        var batch = await f.CallAsync("batch", new JsonObject { ["cmd"] = cmd });

        f.Portal.Stats.Requests.Should().Be(1);
        var result = batch.Result!;
        result["result"]!.AsObject().Select(kv => kv.Key).Should().Equal("l0", "l1", "l2");
        result["result_error"]!["l3"]!["error"]!.GetValue<string>().Should().Be("OPERATION_TIME_LIMIT");
        result["result_time"]!["l2"]!["operating"]!.GetValue<double>().Should().Be(600);
    }
}
