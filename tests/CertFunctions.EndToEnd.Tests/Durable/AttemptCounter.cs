using System.Collections.Concurrent;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Counts activity attempts per key (a singleton injected into test activities).</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public int Increment(string key) => _attempts.AddOrUpdate(key, 1, static (_, n) => n + 1);

    public int Get(string key) => _attempts.GetValueOrDefault(key);
}
