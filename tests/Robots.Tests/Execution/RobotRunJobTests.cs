using System.Net;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Intake;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.Execution;

public class RobotRunJobTests
{
    private const string Member = "9d2c41e7b0a3";
    private const string AppToken = "c0ffee12ab";
    private const string Code = CheckDuplicatesRobot.Code;

    private static FakePortal Seed(FakePortals portals, string language = "ru")
    {
        var portal = portals.Install(Member, AppToken, language);
        portal.Add("LEAD", 1, "17", phones: ["8 (916) 123-45-67"]);
        portal.Add("CONTACT", 7, "23", phones: ["+7 916 123 45 67"]);
        return portal;
    }

    private static async Task PostAsync(RobotHost host, string documentId, string eventToken)
    {
        var response = await host.Http.PostAsync(Code, RobotForm.For(Member, AppToken, Code, documentId, eventToken));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Job_answers_the_workflow_with_its_event_token_and_return_values()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_1", "wf1|A1|sig");
        var sent = await portal.WaitForEventSendAsync();

        sent.Value<string>("EVENT_TOKEN").Should().Be("wf1|A1|sig");
        var values = (JObject)sent["RETURN_VALUES"]!;
        values.Value<long>("DuplicateCount").Should().Be(1);
        values.Value<string>("DuplicateIds").Should().Be("CONTACT_7");
        values.Value<string>("HasOtherResponsible").Should().Be("Y");
        values.Value<string>("Error").Should().BeEmpty();
        sent.Value<string>("LOG_MESSAGE").Should().Contain("Найдено дубликатов LEAD_1: 1");
        await Eventually.JobGoneAsync(host, RobotJobData.KeyFor(Member, "wf1|A1|sig"));
    }

    [Fact]
    public async Task Transient_failure_is_retried_until_it_succeeds()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        portal.FailNext("batch", "QUERY_LIMIT_EXCEEDED", 503, times: 2);
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_1", "wf2|A1|sig");
        var sent = await portal.WaitForEventSendAsync();

        sent["RETURN_VALUES"]!.Value<long>("DuplicateCount").Should().Be(1);
        sent["RETURN_VALUES"]!.Value<string>("Error").Should().BeEmpty();
        portal.EventSends.Should().ContainSingle();
    }

    [Fact]
    public async Task Transient_failure_that_outlasts_the_attempts_returns_an_error_in_the_portal_language()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        portal.FailNext("batch", "INTERNAL_SERVER_ERROR", 500, times: 3);   // MaxAttempts = 3 in the test host
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_1", "wf3|A1|sig");
        var sent = await portal.WaitForEventSendAsync();

        var error = sent["RETURN_VALUES"]!.Value<string>("Error");
        error.Should().Contain("попыток: 3").And.Contain("INTERNAL_SERVER_ERROR");
        sent["RETURN_VALUES"]!["DuplicateCount"].Should().BeNull();
        sent.Value<string>("LOG_MESSAGE").Should().Be(error);
    }

    [Fact]
    public async Task Permanent_failure_is_not_retried_and_returns_a_readable_error()
    {
        var portals = new FakePortals();
        var portal = Seed(portals, language: "en");
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_999", "wf4|A1|sig");
        var sent = await portal.WaitForEventSendAsync();

        sent["RETURN_VALUES"]!.Value<string>("Error").Should().Be("Could not read LEAD_999: NOT_FOUND Not found");
        portal.CallCount("crm.lead.get").Should().Be(1);
    }

    [Fact]
    public async Task Failed_send_is_retried_without_running_the_robot_again()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        portal.FailNext("bizproc.event.send", "INTERNAL_SERVER_ERROR", 500);
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_1", "wf5|A1|sig");
        var sent = await portal.WaitForEventSendAsync();
        await Eventually.JobGoneAsync(host, RobotJobData.KeyFor(Member, "wf5|A1|sig"));

        sent["RETURN_VALUES"]!.Value<long>("DuplicateCount").Should().Be(1);
        portal.CallCount("bizproc.event.send").Should().Be(2);
        portal.CallCount("crm.duplicate.findbycomm").Should().Be(3);   // one search per entity type, once
    }

    [Fact]
    public async Task Access_denied_on_send_stops_the_job()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        portal.UsedEventTokens.Add("wf6|A1|sig");   // the token was already used: Bitrix24 answers ACCESS_DENIED
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_1", "wf6|A1|sig");
        await Eventually.JobGoneAsync(host, RobotJobData.KeyFor(Member, "wf6|A1|sig"));

        portal.CallCount("bizproc.event.send").Should().Be(1);
        portal.EventSends.Should().BeEmpty();
    }

    [Fact]
    public async Task Portal_needing_attention_drops_the_job_without_retrying()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        portal.FailNext("batch", "invalid_grant", 401);
        await using var host = await RobotHost.StartAsync(portals);

        await PostAsync(host, "LEAD_1", "wf7|A1|sig");
        await Eventually.JobGoneAsync(host, RobotJobData.KeyFor(Member, "wf7|A1|sig"));

        portal.CallCount("batch").Should().Be(1);
        portal.CallCount("bizproc.event.send").Should().Be(0);
    }

    [Fact]
    public async Task Fire_and_forget_call_runs_but_sends_nothing()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        await using var host = await RobotHost.StartAsync(portals);
        var form = RobotForm.For(Member, AppToken, Code, "LEAD_1", "wf8|A1|sig")
            .Select(p => p.Key == "use_subscription" ? new KeyValuePair<string, string>(p.Key, "N") : p).ToList();

        (await host.Http.PostAsync(Code, form)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.JobGoneAsync(host, RobotJobData.KeyFor(Member, "wf8|A1|sig"));

        portal.CallCount("crm.duplicate.findbycomm").Should().Be(3);
        portal.CallCount("bizproc.event.send").Should().Be(0);
    }

    [Fact]
    public async Task Late_redelivery_of_a_finished_call_is_recognised_and_not_run_again()
    {
        var portals = new FakePortals();
        var portal = Seed(portals);
        await using var host = await RobotHost.StartAsync(portals, settings: new() { ["Robots:DeliveryMemory"] = "01:00:00" });
        var key = RobotJobData.KeyFor(Member, "wf9|A1|sig");

        await PostAsync(host, "LEAD_1", "wf9|A1|sig");
        await portal.WaitForEventSendAsync();
        await Eventually.OnlyFinishedTriggerLeftAsync(host, key);
        await PostAsync(host, "LEAD_1", "wf9|A1|sig");

        var scheduler = await host.SchedulerAsync();
        (await scheduler.Exists(key)).Should().BeTrue();
        portal.CallCount("crm.duplicate.findbycomm").Should().Be(3);
        portal.CallCount("bizproc.event.send").Should().Be(1);
    }
}
