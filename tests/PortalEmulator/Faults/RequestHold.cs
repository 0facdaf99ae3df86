namespace WineB24.PortalEmulator.Faults;

/// <summary>
/// Holds matching REST requests (after they arrived and were counted, before anything else happens) until
/// <see cref="Release"/>. Lets a test prove ordering by behaviour — "the app answered before its first REST call
/// finished" — without timing anything. A held request still runs when released, even if its client went away,
/// as a real server would.
/// </summary>
public sealed class RequestHold(string? method)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>The method it applies to (case-insensitive), or null for every method.</summary>
    public string? Method { get; } = method;

    /// <summary>Requests that reached the hold so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public bool Released => _released.Task.IsCompleted;

    /// <summary>Completes when the first matching request is being held.</summary>
    public Task WaitUntilHeldAsync(TimeSpan timeout) => _arrived.Task.WaitAsync(timeout);

    public void Release() => _released.TrySetResult();

    internal bool Matches(string method) => !Released && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));

    internal Task HoldAsync()
    {
        Interlocked.Increment(ref _held);
        _arrived.TrySetResult();
        return _released.Task;
    }
}
