using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WineB24.Bitrix24Client.Tests.Fakes;

/// <summary>Collects every log line with its structured values, to check what the SDK writes.</summary>
public sealed class CapturingLoggers : ILoggerFactory, ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => $"{p.Key}={p.Value}")) : "";
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} | {values} | {exception}");
    }
}
