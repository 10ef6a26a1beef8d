using CertFunctions.Acme.Ari;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Acme;

/// <summary>Renewal advice from the configured CA, through the process's shared ACME client.</summary>
public sealed class AcmeRenewalInfoSource(AcmeClientProvider acme) : IRenewalInfoSource
{
    /// <inheritdoc />
    public async Task<bool> IsOfferedAsync(CancellationToken cancellationToken)
    {
        var client = await acme.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var directory = await client.GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        return directory.RenewalInfo is not null;
    }

    /// <inheritdoc />
    public async Task<RenewalInfo?> GetAsync(string ariCertificateId, CancellationToken cancellationToken)
    {
        var client = await acme.GetClientAsync(cancellationToken).ConfigureAwait(false);
        return await client.GetRenewalInfoAsync(ariCertificateId, cancellationToken).ConfigureAwait(false);
    }
}
