using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="AttachTlsActivity"/>.</summary>
public sealed record AttachTlsInput(CertificateRef Certificate, IReadOnlyList<string> Hosts, string SecretName);
