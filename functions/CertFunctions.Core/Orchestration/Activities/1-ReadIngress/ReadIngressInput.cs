using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="ReadIngressActivity"/>.</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="Owner">The orchestration instance id, whose leftover tokens are removed.</param>
public sealed record ReadIngressInput(CertificateRef Certificate, string Owner);
