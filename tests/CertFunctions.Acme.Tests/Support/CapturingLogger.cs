using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Acme.Tests.Support;

/// <summary>Keeps every formatted log line (all levels) so tests can check what the client logs.</summary>
internal sealed class CapturingLogger : ILogger<AcmeClient>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string Text => string.Join(Environment.NewLine, Lines);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
