using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.PortalEmulator.Cloud;
using WineB24.PortalEmulator.Portal;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Intake;

namespace WineB24.Bitrix24App.Tests.EndToEnd;

/// <summary>The shipped «check duplicates» robot driven by the emulated portal's automation (RunRobotAsync).</summary>
public sealed class RobotTests : AppOnEmulatedCloud
{

    private async Task<int> QueuedRobotJobsAsync()
    {
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(RobotJobData.Group) })).Items.Count;
    }

    [Fact]
    public async Task Robot_call_is_answered_200_before_its_work_then_the_result_goes_back_with_the_event_token()
    {
        var portal = await InstalledPortalAsync();
        var (dealId, leadId) = await ShippedApp.SeedDuplicateAsync(portal, App);
        var requestsBefore = portal.Stats.Requests;
        // Every REST call to the portal waits here: if the app called the portal before answering, no 200 would come.
        var hold = portal.Faults.Hold();

        var eventToken = await portal.RunRobotAsync(CheckDuplicatesRobot.Code, $"DEAL_{dealId}");

        portal.Deliveries.Last(d => d.Kind == "robot:" + CheckDuplicatesRobot.Code).Status.Should().Be(200);
        await hold.WaitUntilHeldAsync(ShippedApp.Generous);
        portal.Stats.Requests.Should().Be(requestsBefore + 1, "the job's first REST call is the one being held");
        portal.RobotResults.Should().BeEmpty();

        hold.Release();
        var result = await portal.WaitForRobotResultAsync(eventToken, ShippedApp.Generous);

        result.EventToken.Should().Be(eventToken);
        result.DocumentId.Should().Be($"DEAL_{dealId}");
        result.ReturnValues["DuplicateCount"]!.ToString().Should().Be("1");
        result.ReturnValues["DuplicateIds"]!.ToString().Should().Be($"LEAD_{leadId}");
        result.ReturnValues["HasOtherResponsible"]!.ToString().Should().Be("Y");
        result.ReturnValues["Error"]!.ToString().Should().BeEmpty();
        result.LogMessage.Should().Contain("Найдено дубликатов");
        portal.RobotResults.Should().ContainSingle();
    }

    [Fact]
    public async Task Forged_robot_calls_are_refused_401_and_nothing_runs()
    {
        var portal = await InstalledPortalAsync();
        var (dealId, _) = await ShippedApp.SeedDuplicateAsync(portal, App);
        var requestsBefore = portal.Stats.Requests;

        var wrongToken = await BitrixPosts.RobotAsync(App.Http, CheckDuplicatesRobot.Code, portal.MemberId, "not-the-application-token", "forged|1|x", $"DEAL_{dealId}");
        var unknownMember = await BitrixPosts.RobotAsync(App.Http, CheckDuplicatesRobot.Code, "fedcba9876543210fedcba9876543210", portal.App.ApplicationToken, "forged|2|x", $"DEAL_{dealId}");

        wrongToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownMember.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await QueuedRobotJobsAsync()).Should().Be(0);
        // A genuine call afterwards runs and reports; the forged ones left no trace on the portal.
        var token = await portal.RunRobotAsync(CheckDuplicatesRobot.Code, $"DEAL_{dealId}");
        await portal.WaitForRobotResultAsync(token, ShippedApp.Generous);
        portal.RobotResults.Should().ContainSingle().Which.EventToken.Should().Be(token);
        portal.Stats.Calls("bizproc.event.send").Should().Be(1);
        portal.Stats.Requests.Should().BeGreaterThan(requestsBefore);
    }

    [Fact]
    public async Task Token_expiry_while_robots_work_costs_one_refresh()
    {
        var portal = await InstalledPortalAsync();
        var (dealId, _) = await ShippedApp.SeedDuplicateAsync(portal, App);
        portal.ExpireAllAccessTokens();
        var refreshesBefore = portal.RefreshCount;

        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await portal.RunRobotAsync(CheckDuplicatesRobot.Code, $"DEAL_{dealId}"));
        }
        foreach (var token in tokens)
        {
            (await portal.WaitForRobotResultAsync(token, ShippedApp.Generous)).ReturnValues["DuplicateCount"]!.ToString().Should().Be("1");
        }

        (portal.RefreshCount - refreshesBefore).Should().Be(1);
    }

    [Fact]
    public async Task After_uninstall_robot_calls_and_events_from_that_portal_are_refused_and_clean_deletes_its_rows()
    {
        var portal = await InstalledPortalAsync();
        var other = await InstalledPortalAsync();
        var appToken = portal.App.ApplicationToken;

        portal.Uninstall(clean: false);
        await portal.FlushDeliveriesAsync();

        (await BitrixPosts.RobotAsync(App.Http, CheckDuplicatesRobot.Code, portal.MemberId, appToken, "late|1|x")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await BitrixPosts.EventAsync(App.Http, "ONCRMDEALADD", portal.MemberId, appToken, [BitrixPosts.P("data[FIELDS][ID]", "1")]))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using (var db = App.Db())
        {
            var row = await db.Portals.AsNoTracking().SingleAsync(p => p.MemberId == portal.MemberId);
            row.Installed.Should().BeFalse();
            row.AccessTokenSealed.Should().BeNull();
        }

        // Reinstall, then uninstall with «delete data»: the portal's rows go, the other portal's stay.
        await portal.InstallAsync(App);
        portal.Uninstall(clean: true);
        await portal.FlushDeliveriesAsync();

        await using (var db = App.Db())
        {
            (await db.Portals.AnyAsync(p => p.MemberId == portal.MemberId)).Should().BeFalse();
            (await db.Registrations.AnyAsync(r => r.MemberId == portal.MemberId)).Should().BeFalse();
            (await db.Portals.AnyAsync(p => p.MemberId == other.MemberId && p.Installed)).Should().BeTrue();
        }
        (await BitrixPosts.RobotAsync(App.Http, CheckDuplicatesRobot.Code, portal.MemberId, appToken, "late|2|x")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
