namespace CertFunctions.Core.Hosting;

/// <summary>Starts, queries and signals orchestrations: the seam each host fills with its Durable Task client.</summary>
/// <remarks>
/// The Functions app fills it with <c>DurableTaskClient</c>, the local host with DTFx's <c>TaskHubClient</c>
/// (there is no ready <c>DurableTaskClient</c> over DTFx in the registry here).
/// </remarks>
public interface IOrchestrationGateway
{
    /// <summary>
    /// Starts <paramref name="orchestratorName"/> as <paramref name="instanceId"/> unless an instance with that id is
    /// pending or running, in which case that one is reported and nothing starts.
    /// </summary>
    Task<OrchestrationStartResult> StartIfNotRunningAsync(
        string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken);

    /// <summary>Returns the state of an instance, or null when none has this id.</summary>
    Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Raises an external event on a running instance.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken);

    /// <summary>Terminates a running instance with a reason.</summary>
    Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken);
}
