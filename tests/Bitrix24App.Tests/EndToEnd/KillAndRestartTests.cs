using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WineB24.Bitrix24App.Tests.Support;
using WineB24.Bitrix24Client.Calls;
using WineB24.PortalEmulator.Cloud;
using WineB24.Robots.Duplicates;

namespace WineB24.Bitrix24App.Tests.EndToEnd;

/// <summary>
/// A robot call answered 200, then the process is killed with SIGKILL before the work is done: the restarted app
/// (same database, same address) still does the work and sends exactly one result for the event_token.
/// </summary>
public sealed class KillAndRestartTests
{
    [Fact]
    public async Task Kill_between_answer_and_work_still_sends_exactly_one_result()
    {
        await using var cloud = await Bitrix24Cloud.StartAsync();
        var portal = await cloud.AddPortalAsync();
        await using var sdk = ShippedApp.StandaloneSdk(cloud);
        var (dealId, leadId) = await ShippedApp.SeedDuplicateAsync(portal, sdk.GetRequiredService<IBitrix24ClientFactory>());
        var root = Directory.CreateTempSubdirectory("wineb24-kill-").FullName;
        var port = Ports.Free();
        var instance = "kill-" + Guid.NewGuid().ToString("N");

        string eventToken;
        await using (var first = await ChildApp.StartAsync(cloud, root, port, instance))
        {
            var installer = await portal.PostInstallerAsync(first.InstallerUrl);
            installer.Status.Should().Be(200, first.Output);
            portal.FinishInstall();
            await portal.FlushDeliveriesAsync();

            var hold = portal.Faults.Hold();
            eventToken = await portal.RunRobotAsync(CheckDuplicatesRobot.Code, $"DEAL_{dealId}");
            portal.Deliveries.Last(d => d.Kind.StartsWith("robot:", StringComparison.Ordinal)).Status.Should().Be(200);
            await hold.WaitUntilHeldAsync(ShippedApp.Generous);

            await first.KillHardAsync();
            // The held call now runs on the portal, but nobody is listening for its answer.
            hold.Release();
        }
        portal.RobotResults.Should().BeEmpty("the first process died before sending anything");

        await using var second = await ChildApp.StartAsync(cloud, root, port, instance);
        var result = await portal.WaitForRobotResultAsync(eventToken, TimeSpan.FromSeconds(120));

        result.ReturnValues["DuplicateIds"]!.ToString().Should().Be($"LEAD_{leadId}");
        // A graceful stop lets any job still running finish, so a late duplicate send would be counted by now.
        await second.StopAsync();
        portal.RobotResults.Where(r => r.EventToken == eventToken).Should().ContainSingle();
        portal.Stats.Calls("bizproc.event.send").Should().Be(1, second.Output);
    }
}
