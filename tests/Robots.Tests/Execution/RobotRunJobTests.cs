using System.Net;
using FluentAssertions;
using WineB24.Bitrix24Client.Methods;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Intake;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.Execution;

/// <summary>
/// The job against an emulated portal through the real SDK. The test host allows 3 runs per call and the SDK one
/// transient retry of its own, so a fault injected on the portal has to outlast both layers to reach the job.
/// </summary>
public class RobotRunJobTests
{
    private const string Code = CheckDuplicatesRobot.Code;

    /// <summary>A lead and a contact of another manager sharing a number typed two ways.</summary>
    private static async Task<(RobotScene Scene, long Lead, long Contact)> SeedAsync(string language = "ru",
        Dictionary<string, string?>? settings = null, bool runJobs = true)
    {
        var scene = await RobotScene.StartAsync(language, settings, runJobs);
        var other = scene.Portal.AddUser("Пётр").Id;
        var lead = await scene.AddAsync("LEAD", 1, phones: ["8 (916) 123-45-67"]);
        var contact = await scene.AddAsync("CONTACT", other, phones: ["+7 916 123 45 67"]);
        return (scene, lead, contact);
    }

    [Fact]
    public async Task Job_answers_the_workflow_with_its_event_token_and_return_values()
    {
        var (s, lead, contact) = await SeedAsync();
        await using var _ = s;

        var token = await s.Portal.RunRobotAsync(Code, $"LEAD_{lead}");
        var result = await s.Portal.WaitForRobotResultAsync(token, TimeSpan.FromSeconds(60));

        result.EventToken.Should().Be(token);
        result.Value("DuplicateCount").Should().Be("1");
        result.Value("DuplicateIds").Should().Be($"CONTACT_{contact}");
        result.Value("HasOtherResponsible").Should().Be("Y");
        result.Value("Error").Should().BeEmpty();
        result.LogMessage.Should().Contain($"Найдено дубликатов LEAD_{lead}: 1");
        s.Portal.Deliveries.Should().ContainSingle(d => d.Kind == "robot:" + Code).Which.Status.Should().Be(200);
        await Eventually.JobGoneAsync(s.Host, RobotJobData.KeyFor(s.Portal.MemberId, token));
    }

    [Fact]
    public async Task Transient_failure_is_retried_until_it_succeeds()
    {
        var (s, lead, _) = await SeedAsync();
        await using var __ = s;
        s.Portal.Faults.FailNext(2, 500, "INTERNAL_SERVER_ERROR", method: "batch");   // the SDK's try and its retry

        var result = await s.RunAsync($"LEAD_{lead}");

        result.Value("DuplicateCount").Should().Be("1");
        result.Value("Error").Should().BeEmpty();
        s.Portal.RobotResults.Should().ContainSingle();
    }

    [Fact]
    public async Task Transient_failure_that_outlasts_the_attempts_returns_an_error_in_the_portal_language()
    {
        var (s, lead, _) = await SeedAsync();
        await using var __ = s;
        s.Portal.Faults.FailNext(6, 500, "INTERNAL_SERVER_ERROR", method: "batch");   // 3 runs × (try + SDK retry)

        var result = await s.RunAsync($"LEAD_{lead}");

        var error = result.Value("Error");
        error.Should().Contain("попыток: 3").And.Contain("INTERNAL_SERVER_ERROR");
        result.Value("DuplicateCount").Should().BeNull();
        result.LogMessage.Should().Be(error);
        s.Portal.Stats.Calls("crm.lead.get").Should().Be(0);
    }

    [Fact]
    public async Task Permanent_failure_is_not_retried_and_returns_a_readable_error()
    {
        var (s, _, _) = await SeedAsync(language: "en");
        await using var __ = s;

        var result = await s.RunAsync("LEAD_999");

        result.Value("Error").Should().Be("Could not read LEAD_999: NOT_FOUND Not found");
        s.Portal.Stats.Calls("crm.lead.get").Should().Be(1);
    }

    [Fact]
    public async Task Failed_send_is_retried_without_running_the_robot_again()
    {
        var (s, lead, _) = await SeedAsync();
        await using var __ = s;
        s.Portal.Faults.FailNext(2, 500, "INTERNAL_SERVER_ERROR", method: "bizproc.event.send");

        var token = await s.Portal.RunRobotAsync(Code, $"LEAD_{lead}");
        var result = await s.Portal.WaitForRobotResultAsync(token, TimeSpan.FromSeconds(60));
        await Eventually.JobGoneAsync(s.Host, RobotJobData.KeyFor(s.Portal.MemberId, token));

        result.Value("DuplicateCount").Should().Be("1");
        s.Portal.Stats.Calls("bizproc.event.send").Should().Be(1);        // faulted requests never reached the method
        s.Portal.Stats.Calls("crm.duplicate.findbycomm").Should().Be(3);  // one search per entity type, once
    }

    [Fact]
    public async Task Access_denied_on_send_stops_the_job()
    {
        var (s, lead, _) = await SeedAsync(runJobs: false);
        await using var __ = s;
        var token = await s.Portal.RunRobotAsync(Code, $"LEAD_{lead}");
        // Someone answered the workflow first: the token is used, so Bitrix24 refuses the app's send.
        await s.Crm.Bizproc.SendEventAsync(token, new { Error = "answered elsewhere" });

        await s.Host.StartJobsAsync();
        await Eventually.JobGoneAsync(s.Host, RobotJobData.KeyFor(s.Portal.MemberId, token));

        s.Portal.RobotResults.Should().ContainSingle().Which.Value("Error").Should().Be("answered elsewhere");
        s.Portal.Stats.Calls("bizproc.event.send").Should().Be(2);
    }

    [Fact]
    public async Task Portal_needing_attention_drops_the_job_without_retrying()
    {
        var (s, lead, _) = await SeedAsync(runJobs: false);
        await using var __ = s;
        var token = await s.Portal.RunRobotAsync(Code, $"LEAD_{lead}");
        s.Portal.Deleted = true;

        await s.Host.StartJobsAsync();
        await Eventually.JobGoneAsync(s.Host, RobotJobData.KeyFor(s.Portal.MemberId, token));

        s.Install.Tokens.Flagged.Should().Contain(s.Portal.MemberId + ":PORTAL_DELETED");
        s.Portal.Stats.Calls("crm.lead.get").Should().Be(0);
        s.Portal.RobotResults.Should().BeEmpty();
    }

    [Fact]
    public async Task Fire_and_forget_call_runs_but_sends_nothing()
    {
        var (s, lead, _) = await SeedAsync();
        await using var __ = s;
        var form = RobotForm.For(s.Portal.MemberId, s.Portal.App.ApplicationToken, Code, $"LEAD_{lead}", "wf8|A1|sig")
            .Select(p => p.Key == "use_subscription" ? new KeyValuePair<string, string>(p.Key, "N") : p).ToList();

        (await s.Host.Http.PostAsync(Code, form)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.JobGoneAsync(s.Host, RobotJobData.KeyFor(s.Portal.MemberId, "wf8|A1|sig"));

        s.Portal.Stats.Calls("crm.duplicate.findbycomm").Should().Be(3);
        s.Portal.Stats.Calls("bizproc.event.send").Should().Be(0);
    }

    [Fact]
    public async Task Late_redelivery_of_a_finished_call_is_recognised_and_not_run_again()
    {
        var (s, lead, _) = await SeedAsync(settings: new() { ["Robots:DeliveryMemory"] = "01:00:00" });
        await using var __ = s;

        var token = await s.Portal.RunRobotAsync(Code, $"LEAD_{lead}");
        await s.Portal.WaitForRobotResultAsync(token, TimeSpan.FromSeconds(60));
        var key = RobotJobData.KeyFor(s.Portal.MemberId, token);
        await Eventually.OnlyFinishedTriggerLeftAsync(s.Host, key);
        // The very same POST again, byte for byte.
        var delivery = s.Portal.Deliveries.Single(d => d.Kind == "robot:" + Code);
        var again = await s.Host.Http.PostAsync(delivery.Url, new StringContent(delivery.Body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await s.Host.SchedulerAsync()).Exists(key)).Should().BeTrue();
        s.Portal.Stats.Calls("crm.duplicate.findbycomm").Should().Be(3);
        s.Portal.Stats.Calls("bizproc.event.send").Should().Be(1);
    }
}
