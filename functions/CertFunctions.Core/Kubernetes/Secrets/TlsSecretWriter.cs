using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>Writes the issued certificate to a <c>kubernetes.io/tls</c> Secret, labelled as ours; never overwrites a foreign Secret unless allowed.</summary>
public sealed class TlsSecretWriter(IKubernetesClientProvider clients, IOptions<KubernetesOptions> kubernetes, ILogger<TlsSecretWriter> logger)
{
    /// <summary>The Secret type we write.</summary>
    public const string TlsSecretType = "kubernetes.io/tls";

    private readonly IKubernetesClientProvider _clients = clients;
    private readonly KubernetesOptions _kubernetes = kubernetes.Value;
    private readonly ILogger<TlsSecretWriter> _logger = logger;

    /// <summary>
    /// Creates or updates Secret <paramref name="secretName"/> in the certificate's namespace with
    /// <c>tls.crt</c> = <paramref name="chainPem"/> (leaf + intermediates) and <c>tls.key</c> = <paramref name="privateKeyPem"/>.
    /// Other keys, labels and annotations on the Secret are kept. The key is never logged or returned.
    /// </summary>
    /// <exception cref="SecretNotOwnedException">The Secret exists, is not ours, and <paramref name="allowAdopt"/> is false.</exception>
    /// <exception cref="InvalidCertificateMaterialException">The chain or key is unusable, or they do not match.</exception>
    /// <exception cref="SecretOwnedByOtherException"><paramref name="owners"/> finds another owner that still claims the Secret.</exception>
    /// <remarks>
    /// With <paramref name="owners"/>, the owner recorded on the Secret is checked on every attempt against the Secret as
    /// read, and the patch is guarded by that read's resourceVersion: of two writers racing for one Secret, the second
    /// sees the first's owner annotation and stops, and never overwrites it.
    /// </remarks>
    public async Task<TlsSecretSummary> WriteAsync(
        CertificateRef certificate,
        string secretName,
        string chainPem,
        string privateKeyPem,
        TlsSecretMetadata metadata,
        bool allowAdopt,
        CancellationToken cancellationToken,
        SecretOwnerGuard? owners = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!KubernetesNames.IsDnsSubdomain(secretName))
        {
            throw new InvalidIngressConfigurationException($"'{secretName}' is not a valid Secret name.");
        }

        var chain = CertificateMaterial.ParseChain(chainPem);
        var leaf = chain.Leaf;
        EnsureKeyMatches(leaf, privateKeyPem);

        var domains = CertificateMaterial.DnsNames(leaf);
        var labels = new Dictionary<string, string>
        {
            [CertFunctionsLabels.ManagedBy] = CertFunctionsLabels.ManagedByValue,
        };

        // A Gateway's Secret names its Gateway under a label of its own, so no Ingress of the same name takes it for its own.
        labels[certificate.IsGateway ? Routing.HttpRoutes.SolverHttpRouteBuilder.GatewayLabel : CertFunctionsLabels.Ingress] = LabelValue.ForName(certificate.Name);
        var annotations = new Dictionary<string, string>
        {
            [CertFunctionsAnnotations.Domains] = string.Join(',', domains),
            [CertFunctionsAnnotations.NotBefore] = AnnotationTime.Format(leaf.NotBefore),
            [CertFunctionsAnnotations.NotAfter] = AnnotationTime.Format(leaf.NotAfter),
            [CertFunctionsAnnotations.IssuerDn] = leaf.Issuer,
            [CertFunctionsAnnotations.Serial] = CertificateMaterial.Serial(leaf),
            [CertFunctionsAnnotations.AcmeDirectory] = metadata.AcmeDirectory,
            [SecretOwner.Annotation] = SecretOwner.Of(certificate).Format(),
        };
        // The issuer's name where the Ingress names it, so a changed choice is seen at the next scan; an input without
        // one (scheduled before named issuers) leaves what an older version wrote there, which the reader ignores.
        if (metadata.IssuerName is { } issuerName)
        {
            annotations[CertFunctionsAnnotations.Issuer] = issuerName;
        }

        if (metadata.PlannedRenewal is { } renewal)
        {
            annotations[CertFunctionsAnnotations.RenewAfter] = AnnotationTime.Format(renewal);
        }

        var crt = Encoding.UTF8.GetBytes(chain.ToPem());
        var key = Encoding.UTF8.GetBytes(privateKeyPem.Trim() + "\n");
        var client = _clients.GetClient(certificate.Cluster);
        var description = $"Secret {certificate.SecretNamespace}/{secretName}";

        for (var attempt = 1; ; attempt++)
        {
            var created = false;
            var adopted = false;
            var updated = await GuardedUpdate.RunAsync(
                description,
                ct => ReadAsync(client, certificate.SecretNamespace, secretName, ct),
                async (existing, patch) =>
                {
                    if (owners is not null && await owners.OtherOwnerAsync(certificate, existing, cancellationToken).ConfigureAwait(false) is { } owner)
                    {
                        throw new SecretOwnedByOtherException(certificate.SecretNamespace, secretName, owner);
                    }

                    adopted = !CertFunctionsLabels.IsManagedByUs(existing.Metadata.Labels);
                    if (adopted && !allowAdopt)
                    {
                        throw new SecretNotOwnedException(certificate.SecretNamespace, secretName);
                    }

                    if (!string.Equals(existing.Type ?? "Opaque", TlsSecretType, StringComparison.Ordinal))
                    {
                        throw new InvalidIngressConfigurationException(
                            $"Secret '{certificate.SecretNamespace}/{secretName}' has type '{existing.Type}', not {TlsSecretType}, and a Secret's type cannot change: delete it or choose another name with {CertFunctionsAnnotations.SecretName}.");
                    }

                    patch.SetEntries("/metadata/labels", existing.Metadata.Labels, labels);

                    // A Secret handed over from an Ingress to a Gateway (or back) keeps no label naming its former owner.
                    var formerOwnerLabel = certificate.IsGateway ? CertFunctionsLabels.Ingress : Routing.HttpRoutes.SolverHttpRouteBuilder.GatewayLabel;
                    if (existing.Metadata.Labels?.ContainsKey(formerOwnerLabel) == true)
                    {
                        patch.Remove("/metadata/labels/" + JsonPatch.Escape(formerOwnerLabel));
                    }

                    patch.SetEntries("/metadata/annotations", existing.Metadata.Annotations, annotations);
                    if (existing.Metadata.Annotations?.ContainsKey(CertFunctionsAnnotations.RenewAfter) == true && metadata.PlannedRenewal is null)
                    {
                        patch.Remove("/metadata/annotations/" + JsonPatch.Escape(CertFunctionsAnnotations.RenewAfter));
                    }

                    if (existing.Data is null)
                    {
                        patch.Add("/data", new Dictionary<string, string> { ["tls.crt"] = Convert.ToBase64String(crt), ["tls.key"] = Convert.ToBase64String(key) });
                    }
                    else
                    {
                        patch.Add("/data/tls.crt", Convert.ToBase64String(crt));
                        patch.Add("/data/tls.key", Convert.ToBase64String(key));
                    }
                },
                (patch, ct) => client.CoreV1.PatchNamespacedSecretAsync(patch, secretName, certificate.SecretNamespace, cancellationToken: ct),
                _kubernetes.ConflictRetries,
                _logger,
                cancellationToken).ConfigureAwait(false);

            if (updated is null)
            {
                try
                {
                    await KubernetesCall.RunAsync(
                        () => client.CoreV1.CreateNamespacedSecretAsync(
                            new V1Secret
                            {
                                ApiVersion = "v1",
                                Kind = "Secret",
                                Type = TlsSecretType,
                                Metadata = new V1ObjectMeta { Name = secretName, Labels = labels, Annotations = annotations },
                                Data = new Dictionary<string, byte[]> { ["tls.crt"] = crt, ["tls.key"] = key },
                            },
                            certificate.SecretNamespace,
                            cancellationToken: cancellationToken),
                        $"create {description}",
                        cancellationToken).ConfigureAwait(false);
                    created = true;
                }
                catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) == HttpStatusCode.Conflict && attempt < _kubernetes.ConflictRetries)
                {
                    // Someone created it between our read and our create: read it again and decide.
                    continue;
                }
            }

            var summary = new TlsSecretSummary(
                certificate.SecretNamespace,
                secretName,
                domains,
                CertificateMaterial.Serial(leaf),
                leaf.NotBefore.ToUniversalTime(),
                leaf.NotAfter.ToUniversalTime(),
                leaf.Issuer,
                chain.Certificates.Count,
                created,
                !created && adopted);
            KubernetesLog.SecretWritten(_logger, certificate.SecretNamespace, secretName, summary.Serial, summary.NotAfter, created, summary.Adopted);
            foreach (var item in chain.Certificates)
            {
                item.Dispose();
            }

            return summary;
        }
    }

    private static void EnsureKeyMatches(X509Certificate2 leaf, string privateKeyPem)
    {
        try
        {
            using var paired = X509Certificate2.CreateFromPem(leaf.ExportCertificatePem(), privateKeyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // The exception text is not passed on: it could describe the key.
            throw new InvalidCertificateMaterialException("The private key is not a PEM private key matching the leaf certificate; the Secret was not written.");
        }
    }

    private static Task<V1Secret?> ReadAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesCall.RunOrNullAsync(
            () => client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken),
            $"read Secret {@namespace}/{name}",
            cancellationToken);
}
