using System.Collections.Concurrent;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Records the scoped dependencies activities were given and which of them were disposed (a singleton).</summary>
public sealed class ScopeTracker
{
    private readonly ConcurrentDictionary<Guid, bool> _disposed = new();

    public void Created(Guid id) => _disposed[id] = false;

    public void Disposed(Guid id) => _disposed[id] = true;

    public bool IsDisposed(Guid id) => _disposed.TryGetValue(id, out var disposed) && disposed;
}

/// <summary>A scoped service: one per activity work item, disposed when the activity finishes.</summary>
public sealed class ScopedDependency : IDisposable
{
    private readonly ScopeTracker _tracker;

    public ScopedDependency(ScopeTracker tracker)
    {
        _tracker = tracker;
        _tracker.Created(Id);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => _tracker.Disposed(Id);
}

/// <summary>Settings injected into an orchestrator's constructor.</summary>
public sealed record RetrySettings(TimeSpan FirstRetryInterval);
