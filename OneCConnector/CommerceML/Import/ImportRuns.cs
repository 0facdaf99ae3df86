using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace WineB24.OneCConnector.CommerceML.Import;

/// <summary>
/// Imports running in the background, keyed by session and file, so an <c>import</c> request can answer
/// <c>progress</c> while a long import continues and report the result on a later call. An import lost to a restart
/// simply runs again on the next call: imports are idempotent.
/// </summary>
public sealed class ImportRuns(IHostApplicationLifetime? lifetime = null)
{
    private readonly ConcurrentDictionary<(string Session, string File), Lazy<Task<ImportOutcome>>> runs = new();

    /// <summary>Starts the import unless it runs already, waits up to <paramref name="budget"/>, and returns the outcome or null (still running).</summary>
    public async Task<ImportOutcome?> RunOrWaitAsync(string sessionId, string file, Func<CancellationToken, Task<ImportOutcome>> import,
        TimeSpan budget, TimeProvider time, CancellationToken requestAborted)
    {
        var key = (sessionId, file);
        var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        var run = runs.GetOrAdd(key, _ => new Lazy<Task<ImportOutcome>>(() => Task.Run(() => import(stopping), stopping)));
        var task = run.Value;
        try
        {
            await task.WaitAsync(budget, time, requestAborted);
        }
        catch (TimeoutException)
        {
            return null;
        }
        runs.TryRemove(new KeyValuePair<(string, string), Lazy<Task<ImportOutcome>>>(key, run));
        return await task;
    }

    public bool IsRunning(string sessionId, string file) => runs.ContainsKey((sessionId, file));
}
