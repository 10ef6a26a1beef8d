using CertFunctions.Acme.Ari;

namespace CertFunctions.Core.Renewal;

/// <summary>Where the CA's renewal advice (RFC 9773 renewalInfo) comes from: the configured CA, or a fake in tests.</summary>
public interface IRenewalInfoSource
{
    /// <summary>True when the CA offers renewalInfo (its directory names the resource).</summary>
    Task<bool> IsOfferedAsync(CancellationToken cancellationToken);

    /// <summary>The CA's current advice for the certificate with this RFC 9773 identifier, or null when it offers none.</summary>
    Task<RenewalInfo?> GetAsync(string ariCertificateId, CancellationToken cancellationToken);
}
