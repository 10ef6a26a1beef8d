using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>A Kubernetes Event to record on the Ingress (part of <see cref="ReportOutcomeInput"/>).</summary>
public sealed record RecordEventInput(CertificateRef Certificate, string Reason, string Message, IngressEventType Type);
