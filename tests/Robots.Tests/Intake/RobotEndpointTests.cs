using System.Net;
using FluentAssertions;
using Quartz;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Intake;
using WineB24.Robots.Tests.Support;
using WineB24.Robots.Tests.Support.Emulator;

namespace WineB24.Robots.Tests.Intake;

public class RobotEndpointTests
{
    /// <summary>An installed emulated portal and a host that queues but does not run, so tests see the queue.</summary>
    private sealed class Intake : IAsyncDisposable
    {
        public required EmulatedInstall Install { get; init; }
        public required RobotHost Host { get; init; }
        public required string Member { get; init; }
        public required string AppToken { get; init; }

        public static async Task<Intake> StartAsync()
        {
            var install = await EmulatedInstall.StartAsync();
            var portal = await install.InstallAsync();
            var host = await RobotHost.StartAsync(install, runJobs: false);
            return new Intake { Install = install, Host = host, Member = portal.MemberId, AppToken = portal.App.ApplicationToken };
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Install.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyCollection<JobKey>> QueuedJobsAsync(RobotHost host) =>
        (await (await host.SchedulerAsync()).QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(RobotJobData.Group) }))
            .Items.Select(h => h.Key).ToList();

    [Fact]
    public async Task Forged_application_token_is_refused_and_nothing_is_queued()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);

        var response = await host.Http.PostAsync(CheckDuplicatesRobot.Code,
            RobotForm.For(member, "forged", CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await QueuedJobsAsync(host)).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_portal_is_refused()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);

        var response = await host.Http.PostAsync(CheckDuplicatesRobot.Code,
            RobotForm.For("someoneelse", appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await QueuedJobsAsync(host)).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_robot_code_is_404()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);

        var response = await host.Http.PostAsync("wineb24_nope", RobotForm.For(member, appToken, "wineb24_nope", "LEAD_1", "wf|A1|sig"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await QueuedJobsAsync(host)).Should().BeEmpty();
    }

    [Fact]
    public async Task Valid_call_is_answered_200_and_queued_as_a_durable_recoverable_job()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);

        var response = await host.Http.PostAsync(CheckDuplicatesRobot.Code,
            RobotForm.For(member, appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var jobs = await QueuedJobsAsync(host);
        jobs.Should().ContainSingle().Which.Should().Be(RobotJobData.KeyFor(member, "wf|A1|sig"));
        var detail = await (await host.SchedulerAsync()).GetJobDetail(jobs.Single());
        detail!.Durable.Should().BeTrue();
        detail.RequestsRecovery.Should().BeTrue();
        detail.JobDataMap.Values.OfType<string>().Should().NotContain(v => v.Contains("7f905b66000b9c94") || v.Contains(appToken) || v.Contains("80a16c66000b9c94"));
    }

    [Fact]
    public async Task Repeated_delivery_of_the_same_event_token_queues_one_job()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);
        var form = RobotForm.For(member, appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig");

        var first = await host.Http.PostAsync(CheckDuplicatesRobot.Code, form);
        var second = await host.Http.PostAsync(CheckDuplicatesRobot.Code, form);
        var other = await host.Http.PostAsync(CheckDuplicatesRobot.Code, RobotForm.For(member, appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A2|sig"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        (await QueuedJobsAsync(host)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Call_without_document_id_is_400()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);
        var form = RobotForm.For(member, appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig")
            .Where(p => !p.Key.StartsWith("document_id", StringComparison.Ordinal)).ToList();

        var response = await host.Http.PostAsync(CheckDuplicatesRobot.Code, form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await QueuedJobsAsync(host)).Should().BeEmpty();
    }

    [Fact]
    public async Task Oversized_call_is_refused_before_it_is_read()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);
        var form = RobotForm.For(member, appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig", ("properties[NOTE]", new string('я', 200_000)));

        var response = await host.Http.PostAsync(CheckDuplicatesRobot.Code, form);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await QueuedJobsAsync(host)).Should().BeEmpty();
    }

    [Fact]
    public async Task Chunked_oversized_call_is_refused_too()
    {
        await using var intake = await Intake.StartAsync();
        var (host, member, appToken) = (intake.Host, intake.Member, intake.AppToken);
        var body = await new FormUrlEncodedContent(RobotForm.For(member, appToken, CheckDuplicatesRobot.Code, "LEAD_1", "wf|A1|sig",
            ("properties[NOTE]", new string('я', 200_000)))).ReadAsByteArrayAsync();
        var content = new ChunkedContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await host.Http.PostAsync("/robots/" + CheckDuplicatesRobot.Code, content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await QueuedJobsAsync(host)).Should().BeEmpty();
    }

    /// <summary>A body of unknown length, so HttpClient sends it chunked without Content-Length.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
