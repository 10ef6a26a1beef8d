using Microsoft.DurableTask;

namespace CertFunctions.Local.Durable;

/// <summary>The orchestrators and activities the local engine runs, by the names orchestrations call them with.</summary>
public sealed class LocalDurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator, created with <see cref="ActivatorUtilities"/> from the root provider for each work item.</summary>
    public LocalDurableTaskRegistry AddOrchestrator<TOrchestrator>(string name)
        where TOrchestrator : class, ITaskOrchestrator
        => AddOrchestrator(name, static services => ActivatorUtilities.CreateInstance<TOrchestrator>(services));

    /// <summary>Registers an orchestrator created by a factory for each work item.</summary>
    public LocalDurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"An orchestrator named '{name}' is already registered.");
        }

        return this;
    }

    /// <summary>
    /// Registers an activity, resolved per work item from a new DI scope (or created with
    /// <see cref="ActivatorUtilities"/> when the type itself is not registered).
    /// </summary>
    public LocalDurableTaskRegistry AddActivity<TActivity>(string name)
        where TActivity : class, ITaskActivity
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_activities.TryAdd(name, typeof(TActivity)))
        {
            throw new InvalidOperationException($"An activity named '{name}' is already registered.");
        }

        return this;
    }

    internal bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        if (_orchestrators.TryGetValue(name, out var factory))
        {
            orchestrator = factory(services);
            return true;
        }

        orchestrator = null;
        return false;
    }

    internal bool TryGetActivityType(string name, out Type? activityType) => _activities.TryGetValue(name, out activityType);
}
