using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;

namespace CertFunctions.Core.Admission;

/// <summary>An admitted write the webhook answered and that still has to be started as an issuance.</summary>
/// <param name="Orchestrations">The gateway of the host that received it (the Functions trigger's Durable client, or the local engine).</param>
/// <param name="Certificate">The object written.</param>
/// <param name="Admitted">The admitted uid and generation the run waits for.</param>
/// <param name="Operation">CREATE or UPDATE, for the log.</param>
public sealed record PendingAdmission(IOrchestrationGateway Orchestrations, CertificateRef Certificate, AdmittedObject Admitted, string Operation);
