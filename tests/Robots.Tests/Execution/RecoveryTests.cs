using System.Net;
using FluentAssertions;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Tests.Support;

namespace WineB24.Robots.Tests.Execution;

public sealed class RecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wineb24-robots-").FullName;

    [Fact]
    public async Task Call_queued_before_a_stop_is_answered_by_the_next_start_on_the_same_store()
    {
        var portals = new FakePortals();
        var portal = portals.Install("9d2c41e7b0a3", "c0ffee12ab");
        portal.Add("LEAD", 1, "17", emails: ["Zakaz@Vino.ru"]);
        portal.Add("COMPANY", 3, "17", emails: ["zakaz@vino.ru"]);
        var store = Path.Combine(_dir, "quartz.db");

        await using (var first = await RobotHost.StartAsync(portals, sqliteFile: store, runJobs: false))
        {
            var response = await first.Http.PostAsync(CheckDuplicatesRobot.Code,
                RobotForm.For("9d2c41e7b0a3", "c0ffee12ab", CheckDuplicatesRobot.Code, "LEAD_1", "wf-r|A1|sig"));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }   // stopped before the job ran

        portal.Calls.Should().BeEmpty();
        await using var second = await RobotHost.StartAsync(portals, sqliteFile: store, runJobs: true);
        var sent = await portal.WaitForEventSendAsync();

        sent.Value<string>("EVENT_TOKEN").Should().Be("wf-r|A1|sig");
        sent["RETURN_VALUES"]!.Value<string>("DuplicateIds").Should().Be("COMPANY_3");
        sent["RETURN_VALUES"]!.Value<string>("HasOtherResponsible").Should().Be("N");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
