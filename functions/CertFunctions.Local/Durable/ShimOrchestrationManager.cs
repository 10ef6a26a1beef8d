using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;

namespace CertFunctions.Local.Durable;

/// <summary>Hands DTFx a new orchestration shim over a freshly created orchestrator for every work item.</summary>
internal sealed class ShimOrchestrationManager : INameVersionObjectManager<TaskOrchestration>
{
    private readonly LocalDurableTaskRegistry _registry;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;

    public ShimOrchestrationManager(LocalDurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceProvider services)
    {
        _registry = registry;
        _shims = shims;
        _services = services;
    }

    public void Add(ObjectCreator<TaskOrchestration> creator)
        => throw new NotSupportedException("Register orchestrators with LocalDurableTaskRegistry.");

    public TaskOrchestration? GetObject(string name, string? version)
        => _registry.TryCreateOrchestrator(name, _services, out var orchestrator)
            ? _shims.CreateOrchestration(name, orchestrator!)
            : null;
}
