using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration;

/// <summary>Input of <see cref="IssueCertificateOrchestrator"/>.</summary>
/// <param name="Certificate">The Ingress to issue for.</param>
/// <param name="Reason">Why.</param>
/// <param name="StartDelay">Wait this long first (renewal jitter), with a durable timer.</param>
/// <param name="Replaces">ARI certificate id of the certificate being renewed, when the CA serves renewalInfo.</param>
/// <param name="Admitted">A write the admission webhook saw: wait until it is stored, and issue only if the object needs it.</param>
public sealed record IssueCertificateRequest(
    CertificateRef Certificate,
    IssuanceReason Reason,
    TimeSpan? StartDelay = null,
    string? Replaces = null,
    Admission.AdmittedObject? Admitted = null);
