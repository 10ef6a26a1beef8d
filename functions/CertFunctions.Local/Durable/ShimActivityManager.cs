using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace CertFunctions.Local.Durable;

/// <summary>Hands DTFx a new activity shim for every work item, the activity resolved from its own DI scope.</summary>
internal sealed class ShimActivityManager(LocalDurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceScopeFactory scopes) : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator)
        => throw new NotSupportedException("Register activities with LocalDurableTaskRegistry.");

    public TaskActivity? GetObject(string name, string? version)
    {
        if (!registry.TryGetActivityType(name, out var activityType))
        {
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        try
        {
            var activity = (Microsoft.DurableTask.ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, activityType!);
            return shims.CreateActivity(name, new ScopedTaskActivity(activity, scope));
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }
}
