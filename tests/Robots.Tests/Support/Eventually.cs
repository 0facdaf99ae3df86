using Quartz;

namespace WineB24.Robots.Tests.Support;

/// <summary>Waits for background work by state, never by elapsed time; the deadline only stops a hung test.</summary>
public static class Eventually
{
    public static async Task JobGoneAsync(RobotHost host, JobKey key)
    {
        var scheduler = await host.SchedulerAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await scheduler.Exists(key, cts.Token))
        {
            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>The job has finished its work: its one remaining trigger is the one that forgets the key later.</summary>
    public static async Task OnlyFinishedTriggerLeftAsync(RobotHost host, JobKey key)
    {
        var scheduler = await host.SchedulerAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var triggers = await scheduler.GetTriggersOfJob(key, cts.Token);
            if (triggers.Count == 1 && triggers.First().JobDataMap.GetString(WineB24.Robots.Intake.RobotJobData.Finished) == "1") return;
            await Task.Delay(20, cts.Token);
        }
    }
}
