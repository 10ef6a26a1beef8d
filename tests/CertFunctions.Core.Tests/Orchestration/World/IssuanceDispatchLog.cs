using System.Collections.Concurrent;

namespace CertFunctions.Core.Tests.Orchestration.World;

/// <summary>The activities one orchestration dispatched, in order, and how many of each have finished.</summary>
public sealed class IssuanceDispatchLog
{
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentDictionary<string, int> _finished = new(StringComparer.Ordinal);

    /// <summary>Every dispatch, in order (retries included).</summary>
    public IReadOnlyList<string> Dispatched => [.. _started];

    /// <summary>How many dispatches of <paramref name="name"/> have finished (either way).</summary>
    public int FinishedCount(string name) => _finished.GetValueOrDefault(name);

    internal void Started(string name) => _started.Enqueue(name);

    internal void Finished(string name) => _finished.AddOrUpdate(name, 1, (_, n) => n + 1);
}
