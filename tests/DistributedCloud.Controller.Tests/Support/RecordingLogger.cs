using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>A logger that keeps every event (id, level, the formatted message and the structured values) for assertions.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public sealed record Entry(EventId Id, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue(new Entry(eventId, logLevel, formatter(state, exception), values.ToArray(), exception));
    }
}
