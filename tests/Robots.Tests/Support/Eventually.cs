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
}
