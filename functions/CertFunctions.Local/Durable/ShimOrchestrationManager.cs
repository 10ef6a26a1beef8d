using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace CertFunctions.Local.Durable;

/// <summary>Hands DTFx a new orchestration shim over a freshly created orchestrator for every work item.</summary>
internal sealed class ShimOrchestrationManager(LocalDurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceProvider services) : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator)
        => throw new NotSupportedException("Register orchestrators with LocalDurableTaskRegistry.");

    public TaskOrchestration? GetObject(string name, string? version)
        => registry.TryCreateOrchestrator(name, services, out var orchestrator)
            ? shims.CreateOrchestration(name, orchestrator!)
            : null;
}
