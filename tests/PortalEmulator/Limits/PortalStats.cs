using System.Collections.Concurrent;

namespace WineB24.PortalEmulator.Limits;

/// <summary>What the portal saw: HTTP requests, limiter refusals, and calls per method (batch commands included).</summary>
public sealed class PortalStats
{
    private long _requests;
    private long _queryLimit503;
    private long _operating429;
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.OrdinalIgnoreCase);

    public long Requests => Interlocked.Read(ref _requests);

    public long QueryLimitRejections => Interlocked.Read(ref _queryLimit503);

    public long OperatingRejections => Interlocked.Read(ref _operating429);

    public IReadOnlyDictionary<string, long> CallsPerMethod => _calls;

    public long Calls(string method) => _calls.TryGetValue(method, out var n) ? n : 0;

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountQueryLimit() => Interlocked.Increment(ref _queryLimit503);

    internal void CountOperating() => Interlocked.Increment(ref _operating429);

    internal void CountCall(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
}
