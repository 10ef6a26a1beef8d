using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Renewal;

/// <summary>A stored certificate state as the blob listing shows it.</summary>
/// <param name="Certificate">The certificate the state belongs to.</param>
/// <param name="LastWritten">When the state was last written.</param>
public sealed record StoredStateEntry(CertificateRef Certificate, DateTimeOffset LastWritten);
