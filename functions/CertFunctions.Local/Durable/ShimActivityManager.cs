using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace CertFunctions.Local.Durable;

/// <summary>Hands DTFx a new activity shim for every work item, the activity resolved from its own DI scope.</summary>
internal sealed class ShimActivityManager : INameVersionObjectManager<TaskActivity>
{
    private readonly LocalDurableTaskRegistry _registry;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceScopeFactory _scopes;

    public ShimActivityManager(LocalDurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    {
        _registry = registry;
        _shims = shims;
        _scopes = scopes;
    }

    public void Add(ObjectCreator<TaskActivity> creator)
        => throw new NotSupportedException("Register activities with LocalDurableTaskRegistry.");

    public TaskActivity? GetObject(string name, string? version)
    {
        if (!_registry.TryGetActivityType(name, out var activityType))
        {
            return null;
        }

        var scope = _scopes.CreateAsyncScope();
        try
        {
            var activity = (Microsoft.DurableTask.ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, activityType!);
            return _shims.CreateActivity(name, new ScopedTaskActivity(activity, scope));
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }
}
