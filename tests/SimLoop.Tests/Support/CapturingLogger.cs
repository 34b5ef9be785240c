using Microsoft.Extensions.Logging;

namespace SimLoop.Tests.Support;

/// <summary>An <see cref="ILogger"/> that keeps every entry, so tests can assert what the loop logged.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
        }
    }
}

/// <summary>One logged entry.</summary>
public sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
