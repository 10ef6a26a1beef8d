using CertFunctions.Core.Admission;
using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="AwaitAdmittedObjectActivity"/>.</summary>
/// <param name="Certificate">The Ingress, or the Gateway as a whole.</param>
/// <param name="Admitted">The admitted uid and generation.</param>
public sealed record AwaitAdmittedObjectInput(CertificateRef Certificate, AdmittedObject Admitted);
