using System.Text;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>Reads the deployed certificate back from its Secret (only tls.crt is looked at, never the key).</summary>
public sealed class DeployedCertificateReader
{
    private readonly IKubernetesClientProvider _clients;
    private readonly ILogger<DeployedCertificateReader> _logger;

    public DeployedCertificateReader(IKubernetesClientProvider clients, ILogger<DeployedCertificateReader> logger)
    {
        _clients = clients;
        _logger = logger;
    }

    /// <summary>The leaf certificate of Secret <paramref name="secretName"/>; null when the Secret or a readable tls.crt is missing.</summary>
    public async Task<DeployedCertificate?> ReadAsync(CertificateRef certificate, string secretName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var client = _clients.GetClient(certificate.Cluster);
        var secret = await KubernetesCall.RunOrNullAsync(
            () => client.CoreV1.ReadNamespacedSecretAsync(secretName, certificate.Namespace, cancellationToken: cancellationToken),
            $"read Secret {certificate.Namespace}/{secretName}",
            cancellationToken).ConfigureAwait(false);
        if (secret?.Data is null || !secret.Data.TryGetValue("tls.crt", out var crt) || crt is null || crt.Length == 0)
        {
            return null;
        }

        try
        {
            var chain = CertificateChain.Parse(Encoding.UTF8.GetString(crt));
            var leaf = chain[0];
            var annotations = secret.Metadata.Annotations;
            var deployed = new DeployedCertificate(
                certificate.Namespace,
                secretName,
                CertificateChain.DnsNames(leaf),
                leaf.NotBefore.ToUniversalTime(),
                leaf.NotAfter.ToUniversalTime(),
                leaf.Issuer,
                CertificateChain.Serial(leaf),
                CertFunctionsLabels.IsManagedByUs(secret.Metadata.Labels),
                CertificateChain.ParseTime(Annotation(annotations, CertFunctionsAnnotations.RenewAfter)),
                Annotation(annotations, CertFunctionsAnnotations.AcmeDirectory));
            foreach (var item in chain)
            {
                item.Dispose();
            }

            return deployed;
        }
        catch (InvalidCertificateMaterialException ex)
        {
            KubernetesLog.DeployedCertificateUnreadable(_logger, certificate.Namespace, secretName, ex.Message);
            return null;
        }
    }

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;
}
