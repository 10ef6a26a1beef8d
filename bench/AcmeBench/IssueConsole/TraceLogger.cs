using System.Diagnostics;
using CertFunctions.Acme;
using Microsoft.Extensions.Logging;

namespace AcmeIssue;

/// <summary>Writes every client log line with the elapsed milliseconds to stderr (set ACMEBENCH_TRACE=1).</summary>
internal sealed class TraceLogger : ILogger<AcmeClient>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Console.Error.WriteLine($"{_clock.Elapsed.TotalMilliseconds,8:0.0} ms  {formatter(state, exception)}");
}
