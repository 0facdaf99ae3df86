using FluentAssertions;
using WineB24.Bitrix24Client.Methods;
using WineB24.Robots.Duplicates;
using WineB24.Robots.Tests.Support;
using WineB24.Robots.Tests.Support.Emulator;

namespace WineB24.Robots.Tests.Execution;

public sealed class RecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wineb24-robots-").FullName;

    [Fact]
    public async Task Call_queued_before_a_stop_is_answered_by_the_next_start_on_the_same_store()
    {
        await using var install = await EmulatedInstall.StartAsync();
        var portal = await install.InstallAsync();
        var store = Path.Combine(_dir, "quartz.db");
        string token;
        long company;

        await using (var first = await RobotHost.StartAsync(install, sqliteFile: store, runJobs: false))
        {
            await first.RegisterRobotAsync(portal, new CheckDuplicatesRobot());
            var crm = first.ClientFor(portal);
            var lead = await crm.Crm.Leads.AddAsync(new { TITLE = "Заказ", EMAIL = new[] { new { VALUE = "Zakaz@Vino.ru", VALUE_TYPE = "WORK" } } });
            company = await crm.Crm.Companies.AddAsync(new { TITLE = "Вино", EMAIL = new[] { new { VALUE = "zakaz@vino.ru", VALUE_TYPE = "WORK" } } });
            token = await portal.RunRobotAsync(CheckDuplicatesRobot.Code, $"LEAD_{lead}");
        }   // stopped before the job ran

        portal.Stats.Calls("crm.lead.get").Should().Be(0);
        await using var second = await RobotHost.StartAsync(install, sqliteFile: store, runJobs: true);
        var result = await portal.WaitForRobotResultAsync(token, TimeSpan.FromSeconds(60));

        result.Value("DuplicateIds").Should().Be($"COMPANY_{company}");
        result.Value("HasOtherResponsible").Should().Be("N");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
