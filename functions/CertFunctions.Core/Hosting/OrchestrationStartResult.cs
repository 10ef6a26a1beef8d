namespace CertFunctions.Core.Hosting;

/// <summary>The answer to a start request: started now, or the instance already running.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Started">True when this call started the instance.</param>
/// <param name="Existing">The running instance when <paramref name="Started"/> is false.</param>
public sealed record OrchestrationStartResult(string InstanceId, bool Started, OrchestrationSnapshot? Existing);
