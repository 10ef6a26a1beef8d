using CertFunctions.Acme.Ari;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Acme;

/// <summary>Renewal advice from each issuer's CA, through that issuer's shared ACME client.</summary>
public sealed class AcmeRenewalInfoSource(AcmeClientProvider acme) : IRenewalInfoSource
{
    /// <inheritdoc />
    public async Task<bool> IsOfferedAsync(AcmeIssuer issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var client = await acme.GetClientAsync(issuer.Name, cancellationToken).ConfigureAwait(false);
        var directory = await client.GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        return directory.RenewalInfo is not null;
    }

    /// <inheritdoc />
    public async Task<RenewalInfo?> GetAsync(AcmeIssuer issuer, string ariCertificateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var client = await acme.GetClientAsync(issuer.Name, cancellationToken).ConfigureAwait(false);
        return await client.GetRenewalInfoAsync(ariCertificateId, cancellationToken).ConfigureAwait(false);
    }
}
