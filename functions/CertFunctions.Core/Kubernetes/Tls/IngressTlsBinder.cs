using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Patching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Tls;

/// <summary>Lists our Secret in the Ingress's spec.tls for the certificate's hosts, conflict-safely and without duplicates.</summary>
public sealed class IngressTlsBinder(IKubernetesClientProvider clients, IOptions<KubernetesOptions> kubernetes, ILogger<IngressTlsBinder> logger)
{
    private readonly IKubernetesClientProvider _clients = clients;
    private readonly KubernetesOptions _kubernetes = kubernetes.Value;
    private readonly ILogger<IngressTlsBinder> _logger = logger;

    /// <summary>Adds or updates the spec.tls entry for <paramref name="hosts"/> with <paramref name="secretName"/>; other entries stay.</summary>
    public async Task<TlsBindingResult> AttachAsync(CertificateRef certificate, IReadOnlyList<string> hosts, string secretName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(hosts);
        if (certificate.IsGateway)
        {
            // A Gateway's listeners name the Secret themselves: nothing to attach, and nothing written to the Gateway.
            return new TlsBindingResult(certificate, secretName, false);
        }

        var changed = false;
        await IngressUpdate.RunAsync(
            _clients.GetClient(certificate.Cluster),
            certificate,
            (ingress, patch) => changed = TlsEntryPlanner.Plan(ingress, hosts, secretName, patch),
            _kubernetes.ConflictRetries,
            _logger,
            cancellationToken).ConfigureAwait(false);
        KubernetesLog.TlsAttached(_logger, certificate, secretName, changed);
        return new TlsBindingResult(certificate, secretName, changed);
    }
}
