using System.Net;
using System.Runtime.CompilerServices;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using k8s.Models;

namespace CertFunctions.Core.Discovery;

/// <summary>
/// Metadata-only lists (the API server's <c>PartialObjectMetadataList</c>): each item is its metadata without spec, data or
/// status, so a page of 500 Ingresses or Secrets costs a fraction of the full objects to send and parse.
/// </summary>
public sealed class MetadataLists(IKubernetesClientProvider clients)
{
    /// <summary>Page size of the list calls.</summary>
    public const int PageSize = 500;

    /// <summary>The Accept header that asks for PartialObjectMetadataList, with plain JSON as the fallback a server may choose.</summary>
    public const string MetadataAccept = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Headers =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Accept"] = [MetadataAccept] };

    /// <summary>Every Ingress of the cluster, as metadata; <paramref name="countRequest"/> is called once per list request.</summary>
    public async IAsyncEnumerable<ObjectMetadata> IngressesAsync(string cluster, Action countRequest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countRequest);
        var client = clients.GetClient(cluster);
        string? continueToken = null;
        do
        {
            var token = continueToken;
            countRequest();
            using var response = await KubernetesCall.RunAsync(
                () => client.NetworkingV1.ListIngressForAllNamespacesWithHttpMessagesAsync(
                    continueParameter: token, limit: PageSize, customHeaders: Headers, cancellationToken: cancellationToken),
                $"list Ingress metadata in cluster '{cluster}'",
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Body.Items ?? [])
            {
                var metadata = item.Metadata;
                yield return new ObjectMetadata(
                    metadata.NamespaceProperty,
                    metadata.Name,
                    metadata.Uid,
                    (metadata.Generation ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    IngressAnnotationParser.IsOptedIn(metadata.Annotations));
            }

            continueToken = string.IsNullOrEmpty(response.Body.Metadata?.ContinueProperty) ? null : response.Body.Metadata.ContinueProperty;
        }
        while (continueToken is not null);
    }

    /// <summary>
    /// Our Secrets (by label), as metadata: one cluster-wide list, or, where the app may not list Secrets cluster-wide
    /// (the namespaced RBAC variant), one list per namespace in <paramref name="namespaces"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ObjectMetadata>> ManagedSecretsAsync(
        string cluster, IEnumerable<string> namespaces, Action countRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countRequest);
        var client = clients.GetClient(cluster);
        var selector = $"{CertFunctionsLabels.ManagedBy}={CertFunctionsLabels.ManagedByValue}";
        var found = new Dictionary<string, ObjectMetadata>(StringComparer.Ordinal);
        try
        {
            await ListAsync(
                token => client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
                    continueParameter: token, labelSelector: selector, limit: PageSize, customHeaders: Headers, cancellationToken: cancellationToken),
                $"list managed Secret metadata in cluster '{cluster}'",
                found,
                countRequest,
                cancellationToken).ConfigureAwait(false);
            return found;
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            found.Clear();
        }

        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
        {
            await ListAsync(
                token => client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(
                    ns, continueParameter: token, labelSelector: selector, limit: PageSize, customHeaders: Headers, cancellationToken: cancellationToken),
                $"list managed Secret metadata in namespace '{ns}' of cluster '{cluster}'",
                found,
                countRequest,
                cancellationToken).ConfigureAwait(false);
        }

        return found;
    }

    private static async Task ListAsync(
        Func<string?, Task<k8s.Autorest.HttpOperationResponse<V1SecretList>>> list,
        string action,
        Dictionary<string, ObjectMetadata> found,
        Action countRequest,
        CancellationToken cancellationToken)
    {
        string? continueToken = null;
        do
        {
            var token = continueToken;
            countRequest();
            using var response = await KubernetesCall.RunAsync(() => list(token), action, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Body.Items ?? [])
            {
                var metadata = item.Metadata;
                found[metadata.NamespaceProperty + "/" + metadata.Name] = new ObjectMetadata(
                    metadata.NamespaceProperty, metadata.Name, metadata.Uid, metadata.Uid + "/" + metadata.ResourceVersion, true);
            }

            continueToken = string.IsNullOrEmpty(response.Body.Metadata?.ContinueProperty) ? null : response.Body.Metadata.ContinueProperty;
        }
        while (continueToken is not null);
    }
}
