using Microsoft.DurableTask.Client;

namespace CertFunctions.Core.Tests.Orchestration.World;

/// <summary>What one issuance run left: its final state, the activities it dispatched and the faults it met.</summary>
/// <param name="State">The orchestration's final state, with input, output and custom status.</param>
/// <param name="Dispatched">Activities dispatched, in order (one task-hub round trip each).</param>
/// <param name="KubernetesFaults">Cluster requests answered by an injected fault.</param>
public sealed record IssuanceRunRecord(OrchestrationMetadata State, IReadOnlyList<string> Dispatched, IReadOnlyList<string> KubernetesFaults);
