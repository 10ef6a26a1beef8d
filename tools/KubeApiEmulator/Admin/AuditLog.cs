using System.Collections.Concurrent;

namespace KubeApiEmulator.Admin;

/// <summary>The resource requests served since start or the last reset.</summary>
internal sealed class AuditLog
{
    private const int Capacity = 100_000;
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    /// <summary>Records one request.</summary>
    public void Record(AuditEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    /// <summary>The recorded requests, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Snapshot() => [.. _entries];

    /// <summary>Forgets every recorded request.</summary>
    public void Reset() => _entries.Clear();
}
