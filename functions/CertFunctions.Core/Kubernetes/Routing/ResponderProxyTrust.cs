using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>
/// Keeps the Secret ingress-nginx needs before it sends the responder's host name as TLS SNI: <c>ca.crt</c> with the
/// roots the responder's certificate chains to (<see cref="ChallengeRoutingOptions.ResponderTrustedRootsPath"/>, else
/// this app's own trusted roots). A Secret of that name the user made is used as it is, never overwritten.
/// </summary>
public sealed class ResponderProxyTrust(
    IKubernetesClientProvider clients, IOptions<ChallengeRoutingOptions> options, IOptions<KubernetesOptions> kubernetes, ILogger<ResponderProxyTrust> logger)
{
    /// <summary>The Secret's name in each namespace that uses the ingress-nginx preset over HTTPS.</summary>
    public const string SecretName = "certfunctions-responder-ca";

    /// <summary>The label that marks the Secret as ours (not app.kubernetes.io/managed-by: the scan lists those as certificates).</summary>
    public const string OwnerLabel = CertFunctionsAnnotations.Prefix + "responder-trust";

    /// <summary>The data key ingress-nginx reads.</summary>
    public const string CaKey = "ca.crt";

    private readonly Lazy<byte[]> _bundle = new(() => LoadBundle(options.Value.ResponderTrustedRootsPath));

    /// <summary>Creates or refreshes the Secret in <paramref name="namespace"/>; returns its <c>namespace/name</c> for the annotation.</summary>
    public async Task<string> EnsureAsync(string cluster, string @namespace, CancellationToken cancellationToken)
    {
        var client = clients.GetClient(cluster);
        var description = $"Secret {@namespace}/{SecretName}";
        var bundle = _bundle.Value;
        try
        {
            await KubernetesCall.RunAsync(
                () => client.CoreV1.CreateNamespacedSecretAsync(NewSecret(bundle), @namespace, cancellationToken: cancellationToken),
                $"create {description}",
                cancellationToken).ConfigureAwait(false);
            return $"{@namespace}/{SecretName}";
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) == HttpStatusCode.Conflict)
        {
            // It exists (an earlier run, or the user's own): bring ours up to date, leave the user's alone.
        }

        await GuardedUpdate.RunAsync(
            description,
            ct => KubernetesCall.RunOrNullAsync(() => client.CoreV1.ReadNamespacedSecretAsync(SecretName, @namespace, cancellationToken: ct), $"read {description}", ct),
            (secret, patch) =>
            {
                var current = secret.Data?.TryGetValue(CaKey, out var value) == true ? value : null;
                if (secret.Metadata.Labels?.ContainsKey(OwnerLabel) == true && (current is null || !current.AsSpan().SequenceEqual(bundle)))
                {
                    patch.Replace("/data", new Dictionary<string, string> { [CaKey] = Convert.ToBase64String(bundle) });
                }

                return Task.CompletedTask;
            },
            (patch, ct) => client.CoreV1.PatchNamespacedSecretAsync(patch, SecretName, @namespace, cancellationToken: ct),
            kubernetes.Value.ConflictRetries,
            logger,
            cancellationToken).ConfigureAwait(false);
        return $"{@namespace}/{SecretName}";
    }

    /// <summary>The PEM bundle: the configured file's certificates, or every root in this machine's trust store.</summary>
    public static byte[] LoadBundle(string? path)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(path))
        {
            roots.ImportFromPemFile(path);
        }
        else
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            roots.AddRange(store.Certificates);
        }

        if (roots.Count == 0)
        {
            throw new InvalidOperationException(string.IsNullOrWhiteSpace(path)
                ? "This machine's trust store has no root certificates; set Challenge:ResponderTrustedRootsPath to a PEM file of the responder's roots."
                : $"Challenge:ResponderTrustedRootsPath '{path}' holds no certificate.");
        }

        var pem = new StringBuilder();
        foreach (var root in roots)
        {
            pem.Append(PemEncoding.Write("CERTIFICATE", root.RawData)).Append('\n');
            root.Dispose();
        }

        return Encoding.ASCII.GetBytes(pem.ToString());
    }

    private static V1Secret NewSecret(byte[] bundle) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta
        {
            Name = SecretName,
            Labels = new Dictionary<string, string> { [OwnerLabel] = "true" },
        },
        Data = new Dictionary<string, byte[]> { [CaKey] = bundle },
    };
}
