using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>Reads the deployed certificate back from its Secret (only the leaf of tls.crt is looked at, never the key).</summary>
public sealed class DeployedCertificateReader(IKubernetesClientProvider clients, Listing.ObjectLists lists, ILogger<DeployedCertificateReader> logger)
{
    /// <summary>Page size of the managed-Secret listing.</summary>
    public const int PageSize = Listing.ObjectLists.PageSize;

    private readonly IKubernetesClientProvider _clients = clients;
    private readonly ILogger<DeployedCertificateReader> _logger = logger;

    /// <summary>The leaf certificate of Secret <paramref name="secretName"/>; null when the Secret or a readable tls.crt is missing.</summary>
    public async Task<DeployedCertificate?> ReadAsync(CertificateRef certificate, string secretName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var client = _clients.GetClient(certificate.Cluster);
        var secret = await KubernetesCall.RunOrNullAsync(
            () => client.CoreV1.ReadNamespacedSecretAsync(secretName, certificate.SecretNamespace, cancellationToken: cancellationToken),
            $"read Secret {certificate.SecretNamespace}/{secretName}",
            cancellationToken).ConfigureAwait(false);
        return secret is null ? null : FromSecret(secret, certificate.SecretNamespace, secretName);
    }

    /// <summary>
    /// Every Secret we manage in one namespace of <paramref name="cluster"/> (label selector, pages of <see cref="PageSize"/>):
    /// the renewal scan reads a namespace's certificates in a few list calls instead of one GET per Ingress, and only in
    /// namespaces with opted-in objects, so the app needs no cluster-wide read of Secrets.
    /// </summary>
    public async IAsyncEnumerable<DeployedCertificate> ListManagedAsync(string cluster, string @namespace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in lists.PagesAsync(
            cluster, Listing.ListedKind.Secrets, Listing.ListShape.Full, @namespace, CertFunctionsLabels.ManagedSelector, null, cancellationToken).ConfigureAwait(false))
        {
            // Parsing a leaf costs ~0.2 ms of CPU; a page of 500 is parsed on every core, in listing order.
            var items = page.Items;
            var parsed = new DeployedCertificate?[items.Count];
            Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                parsed[i] = FromSecret((V1Secret)items[i].Body, items[i].Metadata.NamespaceProperty, items[i].Metadata.Name));
            foreach (var deployed in parsed)
            {
                if (deployed is not null)
                {
                    yield return deployed;
                }
            }
        }
    }

    private DeployedCertificate? FromSecret(V1Secret secret, string @namespace, string secretName)
    {
        if (secret.Data is null || !secret.Data.TryGetValue("tls.crt", out var crt) || crt is null || crt.Length == 0)
        {
            return null;
        }

        try
        {
            using var leaf = CertificateMaterial.ParseLeaf(Encoding.UTF8.GetString(crt));
            var annotations = secret.Metadata.Annotations;
            return new DeployedCertificate(
                @namespace,
                secretName,
                CertificateMaterial.DnsNames(leaf),
                leaf.NotBefore.ToUniversalTime(),
                leaf.NotAfter.ToUniversalTime(),
                leaf.Issuer,
                CertificateMaterial.Serial(leaf),
                CertFunctionsLabels.IsManagedByUs(secret.Metadata.Labels),
                AnnotationTime.Parse(Annotation(annotations, CertFunctionsAnnotations.RenewAfter)),
                Annotation(annotations, CertFunctionsAnnotations.AcmeDirectory),
                TryAriCertificateId(leaf),
                secret.Metadata.Labels?.TryGetValue(CertFunctionsLabels.Ingress, out var owner) == true ? owner : null,
                IssuerNameOf(annotations));
        }
        catch (InvalidCertificateMaterialException ex)
        {
            KubernetesLog.DeployedCertificateUnreadable(_logger, @namespace, secretName, ex.Message);
            return null;
        }
    }

    /// <summary>The leaf's RFC 9773 identifier, or null for a certificate without an Authority Key Identifier (not from a public CA).</summary>
    private static string? TryAriCertificateId(X509Certificate2 leaf)
    {
        try
        {
            return CertFunctions.Acme.Ari.AriCertificateId.From(leaf);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// The issuer name recorded on the Secret. Before named issuers the same annotation held the certificate's issuer
    /// DN (<c>CN=..., O=...</c>), which is no issuer name: such a Secret has none recorded.
    /// </summary>
    private static string? IssuerNameOf(IDictionary<string, string>? annotations) =>
        Annotation(annotations, CertFunctionsAnnotations.Issuer) is { } value && KubernetesNames.IsDnsLabel(value) ? value : null;

    /// <summary>Parses only the first certificate (the leaf): renewal decisions need nothing else, and a fleet scan parses thousands.</summary>

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;
}
