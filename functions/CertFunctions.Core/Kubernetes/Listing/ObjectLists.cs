using System.Net;
using System.Runtime.CompilerServices;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Errors;

namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>
/// The one way the app lists objects of a cluster, whatever their kind: paged (<see cref="PageSize"/>), the next page fetched
/// while the caller works on this one, as metadata only (the API server's <c>PartialObjectMetadataList</c>) wherever that
/// suffices, and per namespace where the app may not list cluster-wide. The renewal scan and discovery both list through it.
/// </summary>
public sealed class ObjectLists(IKubernetesClientProvider clients)
{
    /// <summary>Page size of the list calls.</summary>
    public const int PageSize = 500;

    /// <summary>The Accept header that asks for PartialObjectMetadataList, with plain JSON as the fallback a server may choose.</summary>
    public const string MetadataAccept = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> MetadataHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Accept"] = [MetadataAccept] };

    /// <summary>Every object of <paramref name="kind"/> in <paramref name="namespace"/> (null: every namespace), page by page.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="shape">Metadata only, or whole objects.</param>
    /// <param name="namespace">One namespace, or null for the whole cluster.</param>
    /// <param name="labelSelector">A label selector, or null.</param>
    /// <param name="countRequest">Called once per list request, or null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async IAsyncEnumerable<ListedPage> PagesAsync(
        string cluster,
        ListedKind kind,
        ListShape shape,
        string? @namespace,
        string? labelSelector,
        Action? countRequest,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var client = clients.GetClient(cluster);
        var headers = shape == ListShape.Metadata ? MetadataHeaders : null;
        var where = @namespace is null ? $"cluster '{cluster}'" : $"namespace '{@namespace}' of cluster '{cluster}'";
        var action = $"list {(shape == ListShape.Metadata ? kind.Kind + " metadata" : kind.Kind + "s")}{(labelSelector is null ? string.Empty : $" ({labelSelector})")} in {where}";
        Task<ListedPage> FetchAsync(string? token)
        {
            countRequest?.Invoke();
            return KubernetesCall.RunAsync(
                () => kind.FetchAsync(client, new ListRequest(@namespace, token, labelSelector, PageSize, headers), cancellationToken), action, cancellationToken);
        }

        var next = FetchAsync(null);
        ListedPage page;
        do
        {
            page = await next.ConfigureAwait(false);

            // Fetch the next page while this one is worked on: a fleet scan is parsing-bound, and the two overlap.
            if (page.Continue is not null)
            {
                next = FetchAsync(page.Continue);
            }

            yield return page;
        }
        while (page.Continue is not null);
    }

    /// <summary>Every object of <paramref name="kind"/> in <paramref name="namespace"/> (null: every namespace), one by one.</summary>
    public async IAsyncEnumerable<ListedObject> ListAsync(
        string cluster,
        ListedKind kind,
        ListShape shape,
        string? @namespace,
        string? labelSelector,
        Action? countRequest,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(cluster, kind, shape, @namespace, labelSelector, countRequest, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Every object of <paramref name="kind"/> as metadata, one by one.</summary>
    public async IAsyncEnumerable<ObjectMetadata> MetadataAsync(
        string cluster, ListedKind kind, string? labelSelector, Action? countRequest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ListAsync(cluster, kind, ListShape.Metadata, null, labelSelector, countRequest, cancellationToken).ConfigureAwait(false))
        {
            yield return ObjectMetadata.From(kind, item.Metadata);
        }
    }

    /// <summary>
    /// The metadata of the objects of <paramref name="kind"/> that match <paramref name="labelSelector"/>, by "namespace/name":
    /// one cluster-wide list, or, where the app may not list the kind cluster-wide (the namespaced RBAC variant for Secrets),
    /// one list per namespace in <paramref name="namespaces"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ObjectMetadata>> MetadataInNamespacesAsync(
        string cluster, ListedKind kind, string labelSelector, IEnumerable<string> namespaces, Action? countRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var found = new Dictionary<string, ObjectMetadata>(StringComparer.Ordinal);
        try
        {
            await foreach (var item in MetadataAsync(cluster, kind, labelSelector, countRequest, cancellationToken).ConfigureAwait(false))
            {
                found[item.Key] = item;
            }

            return found;
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            found.Clear();
        }

        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
        {
            await foreach (var item in ListAsync(cluster, kind, ListShape.Metadata, ns, labelSelector, countRequest, cancellationToken).ConfigureAwait(false))
            {
                var metadata = ObjectMetadata.From(kind, item.Metadata);
                found[metadata.Key] = metadata;
            }
        }

        return found;
    }
}
