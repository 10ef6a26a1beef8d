using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration;

/// <summary>Output of a successful issuance: what is now deployed (never the key).</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="Hosts">The names on the certificate.</param>
/// <param name="SecretName">The Secret written.</param>
/// <param name="Serial">Serial number (hex).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Issuer">Issuer distinguished name.</param>
/// <param name="PlannedRenewal">When it will be renewed.</param>
/// <param name="OrderUrl">The ACME order.</param>
/// <param name="AcmeIssuer">The named ACME issuer it came from (null in results from before named issuers).</param>
/// <param name="AriCertificateId">The RFC 9773 certificate id, named in <c>replaces</c> when it is renewed.</param>
public sealed record IssuanceResult(
    CertificateRef Certificate,
    IReadOnlyList<string> Hosts,
    string SecretName,
    string Serial,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Issuer,
    DateTimeOffset PlannedRenewal,
    Uri OrderUrl,
    string? AriCertificateId = null,
    string? AcmeIssuer = null);
