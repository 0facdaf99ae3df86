namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>Moves a <see cref="ManualTime"/> forward in small steps until the work under test finishes.</summary>
public static class ClockDriver
{
    public static async Task<T> RunAsync<T>(ManualTime time, Task<T> work, TimeSpan step, TimeSpan giveUpAfterVirtual)
    {
        var start = time.GetUtcNow();
        while (!work.IsCompleted)
        {
            if (time.GetUtcNow() - start > giveUpAfterVirtual)
                throw new TimeoutException($"Work did not finish within {giveUpAfterVirtual} of virtual time; pending timers {time.PendingTimers}");
            time.Advance(step);
            await Task.Delay(1);
        }
        return await work;
    }
}
