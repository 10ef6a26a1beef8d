using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="RecordEventActivity"/>.</summary>
public sealed record RecordEventInput(CertificateRef Certificate, string Reason, string Message, IngressEventType Type);
