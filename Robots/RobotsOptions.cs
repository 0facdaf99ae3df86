namespace WineB24.Robots;

/// <summary>
/// Retry policy for robot jobs (section <c>Robots</c>). A transient failure (rate limits, 5xx, no answer) is
/// retried after <see cref="FirstRetryDelay"/>, doubling up to <see cref="MaxRetryDelay"/>, for at most
/// <see cref="MaxAttempts"/> runs in total; then the workflow gets the error text. Defaults: 6 runs over
/// ~15 minutes (30 s, 1, 2, 4, 8 min), within the operating-limit window of 10 minutes.
/// </summary>
public sealed class RobotsOptions
{
    public const string Section = "Robots";

    public int MaxAttempts { get; set; } = 6;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>
    /// How long a finished call's key stays in the store, so a late re-delivery of the same event_token is
    /// recognised and not run again. Zero forgets at once.
    /// </summary>
    public TimeSpan DeliveryMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest robot POST accepted; Bitrix24 sends a few KB.</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    public TimeSpan DelayBeforeAttempt(int attempt)
    {
        // attempt 2 waits FirstRetryDelay, attempt 3 twice that, …
        var factor = Math.Pow(2, Math.Max(0, attempt - 2));
        var ticks = Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
