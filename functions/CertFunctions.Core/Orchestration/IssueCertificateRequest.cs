using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration;

/// <summary>Input of <see cref="IssueCertificateOrchestrator"/>.</summary>
/// <param name="Certificate">The Ingress or Gateway to issue for (or one Secret of a Gateway, for its run's sub-orchestration).</param>
/// <param name="Reason">Why.</param>
/// <param name="StartDelay">Wait this long first (renewal jitter), with a durable timer.</param>
/// <param name="Replaces">ARI certificate id of the certificate being renewed, when the CA serves renewalInfo.</param>
/// <param name="Admitted">A write the admission webhook saw: wait until it is stored, and issue only if the object needs it.</param>
/// <param name="Due">
/// For a Gateway: only these of its Secrets, each with its own reason and ARI id, so one due Secret does not renew its
/// siblings early; null issues every Secret its listeners name (the API's request).
/// </param>
public sealed record IssueCertificateRequest(
    CertificateRef Certificate,
    IssuanceReason Reason,
    TimeSpan? StartDelay = null,
    string? Replaces = null,
    Admission.AdmittedObject? Admitted = null,
    IReadOnlyList<DueSecret>? Due = null);
