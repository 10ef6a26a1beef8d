using CertFunctions.Acme.Certificates;

namespace CertFunctions.Acme.Tests.Issuance;

/// <summary>Disposes the key of an issued certificate at the end of a test.</summary>
internal sealed class IssuedCertificateLease(IssuedCertificate issued) : IDisposable
{
    public IssuedCertificate Issued { get; } = issued;

    public CertificateChain Chain => Issued.Chain;

    public void Dispose() => Issued.Key.Dispose();
}
