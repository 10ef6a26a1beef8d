using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;

namespace CertFunctions.Core.Kubernetes.GitOps;

/// <summary>Records the Warning Event that asks for the spec.tls entry in Git, for a GitOps-managed Ingress that lacks it.</summary>
public sealed class TlsReferenceReport(IngressEventRecorder events)
{
    /// <summary>Records the Event (a repeat bumps its count); returns false when it could not be recorded.</summary>
    public Task<bool> ReportAsync(CertificateRef certificate, GitOpsManagement gitOps, IReadOnlyList<string> hosts, string secretName, CancellationToken cancellationToken) =>
        events.RecordAsync(certificate, IngressEventReasons.TlsReferenceMissing, TlsReferenceMessage.For(gitOps, hosts, secretName), IngressEventType.Warning, cancellationToken);
}
