using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace WineB24.PortalEmulator.Bizproc;

/// <summary>What the app sent back for one robot run via bizproc.event.send (and bizproc.activity.log lines).</summary>
public sealed record RobotResult(string EventToken, string Code, string DocumentId, JsonObject ReturnValues, string? LogMessage, IReadOnlyList<string> Log);

/// <summary>A robot run waiting for its result.</summary>
public sealed class RobotRun(string eventToken, string code, string documentId, bool waits)
{
    public string EventToken { get; } = eventToken;

    public string Code { get; } = code;

    public string DocumentId { get; } = documentId;

    public bool Waits { get; } = waits;

    public bool Completed { get; internal set; }

    public List<string> Log { get; } = [];

    internal TaskCompletionSource<RobotResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Robots registered by the app (bizproc.robot.*) and the runs started by <c>RunRobotAsync</c>.</summary>
public sealed class RobotRegistry
{
    private readonly ConcurrentDictionary<string, JsonObject> _robots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RobotRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RobotResult> _results = new();

    public IReadOnlyDictionary<string, JsonObject> Robots => _robots;

    public IReadOnlyList<RobotResult> Results => _results.ToList();

    internal bool TryAdd(string code, JsonObject definition) => _robots.TryAdd(code, definition);

    internal JsonObject? Find(string code) => _robots.TryGetValue(code, out var r) ? r : null;

    internal bool Remove(string code) => _robots.TryRemove(code, out _);

    internal void Clear() => _robots.Clear();

    internal void Start(RobotRun run) => _runs[run.EventToken] = run;

    internal RobotRun? FindRun(string token) => _runs.TryGetValue(token, out var r) ? r : null;

    internal void Complete(RobotRun run, JsonObject returnValues, string? logMessage)
    {
        run.Completed = true;
        var result = new RobotResult(run.EventToken, run.Code, run.DocumentId, returnValues, logMessage, run.Log.ToList());
        _results.Enqueue(result);
        run.Result.TrySetResult(result);
    }

    internal Task<RobotResult> ResultOf(string token)
        => _runs.TryGetValue(token, out var run) ? run.Result.Task : throw new ArgumentException("unknown event token", nameof(token));
}
