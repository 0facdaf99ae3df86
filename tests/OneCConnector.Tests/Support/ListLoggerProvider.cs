using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WineB24.OneCConnector.Tests.Support;

/// <summary>Captures log lines (message, exception text and scope values) to check what the connector writes.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + " " + exception;
            owner.scopes.ForEachScope((scope, acc) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    text += " " + string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"));
                }
                else
                {
                    text += " " + scope;
                }
            }, text);
            owner.Lines.Enqueue((category, text));
        }
    }
}
