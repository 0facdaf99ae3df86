using System.Collections.Concurrent;

namespace WineB24.OneCEmulator.OData;

/// <summary>What the next requests suffer, in order: 1C or its web server down, a lost connection, a bad password.</summary>
public enum ODataFault
{
    /// <summary>503 with an Apache-style HTML page (the publication's web server is up, 1C is not).</summary>
    ServiceUnavailable,
    /// <summary>500 with <c>odata.error</c> code -1 (internal error, details only in the technological log).</summary>
    InternalError,
    /// <summary>401 whatever the credentials.</summary>
    Unauthorized,
    /// <summary>200 with a body cut in the middle of the JSON.</summary>
    BrokenJson,
    /// <summary>The request is held until the client gives up (its timeout), then dropped.</summary>
    Hang,
}

/// <summary>A queue of faults consumed one per request (after authentication checks would have run).</summary>
public sealed class ODataFaultPlan
{
    private readonly ConcurrentQueue<ODataFault> _next = new();

    public void Enqueue(ODataFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++) _next.Enqueue(fault);
    }

    public bool TryTake(out ODataFault fault) => _next.TryDequeue(out fault);

    public int Pending => _next.Count;
}
