using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WineB24.Bitrix24App.Tests.Support;

/// <summary>Captures every log line with its scope values, to check what the app writes (and never writes).</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, IReadOnlyDictionary<string, string> Scope)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string>();
            owner._scopes.ForEachScope((s, acc) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    foreach (var (k, v) in pairs)
                    {
                        acc[k] = v?.ToString() ?? "";
                    }
                }
                else if (s is not null)
                {
                    acc[$"scope{acc.Count}"] = s.ToString() ?? "";
                }
            }, scope);
            owner.Lines.Enqueue((category, formatter(state, exception) + (exception is null ? "" : " " + exception), scope));
        }
    }
}
