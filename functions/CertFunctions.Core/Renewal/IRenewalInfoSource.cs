using CertFunctions.Acme.Ari;
using CertFunctions.Core.Issuers;

namespace CertFunctions.Core.Renewal;

/// <summary>Where the CA's renewal advice (RFC 9773 renewalInfo) comes from: each issuer's CA, or a fake in tests.</summary>
public interface IRenewalInfoSource
{
    /// <summary>True when the issuer's CA offers renewalInfo (its directory names the resource).</summary>
    Task<bool> IsOfferedAsync(AcmeIssuer issuer, CancellationToken cancellationToken);

    /// <summary>The issuer's CA's current advice for the certificate with this RFC 9773 identifier, or null when it offers none.</summary>
    Task<RenewalInfo?> GetAsync(AcmeIssuer issuer, string ariCertificateId, CancellationToken cancellationToken);
}
