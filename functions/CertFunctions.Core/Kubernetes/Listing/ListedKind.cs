using System.Text.Json;
using System.Text.Json.Nodes;
using CertFunctions.Core.Kubernetes.Gateways;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>
/// A kind <see cref="ObjectLists"/> can page through: how to ask for one page, and which version tells a change. Ingresses
/// and Gateways change their spec with metadata.generation; a Secret has no generation, so any change (resourceVersion) counts.
/// </summary>
public sealed class ListedKind
{
    private static readonly JsonSerializerOptions KubernetesJsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Func<IKubernetes, ListRequest, CancellationToken, Task<ListedPage>> _fetch;

    private ListedKind(string kind, bool versionIsGeneration, Func<IKubernetes, ListRequest, CancellationToken, Task<ListedPage>> fetch)
    {
        Kind = kind;
        VersionIsGeneration = versionIsGeneration;
        _fetch = fetch;
    }

    /// <summary>networking.k8s.io/v1 Ingress.</summary>
    public static ListedKind Ingresses { get; } = new("Ingress", true, async (client, r, ct) =>
    {
        using var response = r.Namespace is null
            ? await client.NetworkingV1.ListIngressForAllNamespacesWithHttpMessagesAsync(continueParameter: r.Continue, labelSelector: r.LabelSelector, limit: r.Limit, customHeaders: r.Headers, cancellationToken: ct).ConfigureAwait(false)
            : await client.NetworkingV1.ListNamespacedIngressWithHttpMessagesAsync(r.Namespace, continueParameter: r.Continue, labelSelector: r.LabelSelector, limit: r.Limit, customHeaders: r.Headers, cancellationToken: ct).ConfigureAwait(false);
        return new ListedPage([.. (response.Body.Items ?? []).Select(i => new ListedObject(i.Metadata, i))], Token(response.Body.Metadata?.ContinueProperty));
    });

    /// <summary>core/v1 Secret.</summary>
    public static ListedKind Secrets { get; } = new("Secret", false, async (client, r, ct) =>
    {
        using var response = r.Namespace is null
            ? await client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(continueParameter: r.Continue, labelSelector: r.LabelSelector, limit: r.Limit, customHeaders: r.Headers, cancellationToken: ct).ConfigureAwait(false)
            : await client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(r.Namespace, continueParameter: r.Continue, labelSelector: r.LabelSelector, limit: r.Limit, customHeaders: r.Headers, cancellationToken: ct).ConfigureAwait(false);
        return new ListedPage([.. (response.Body.Items ?? []).Select(i => new ListedObject(i.Metadata, i))], Token(response.Body.Metadata?.ContinueProperty));
    });

    /// <summary>gateway.networking.k8s.io/v1 Gateway.</summary>
    public static ListedKind Gateways { get; } = Custom("Gateway", GatewayApi.Gateways, true);

    /// <summary>gateway.networking.k8s.io/v1 HTTPRoute.</summary>
    public static ListedKind HttpRoutes { get; } = Custom("HTTPRoute", GatewayApi.HttpRoutes, true);

    /// <summary>The kind's name, for messages.</summary>
    public string Kind { get; }

    /// <summary>True when metadata.generation tells a change that matters (spec); false when only resourceVersion does.</summary>
    public bool VersionIsGeneration { get; }

    /// <summary>Asks for one page.</summary>
    public Task<ListedPage> FetchAsync(IKubernetes client, ListRequest request, CancellationToken cancellationToken) => _fetch(client, request, cancellationToken);

    private static ListedKind Custom(string kind, string plural, bool versionIsGeneration) => new(kind, versionIsGeneration, async (client, r, ct) =>
    {
        using var response = r.Namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(GatewayApi.Group, GatewayApi.Version, plural, continueParameter: r.Continue, labelSelector: r.LabelSelector, limit: r.Limit, customHeaders: r.Headers, cancellationToken: ct).ConfigureAwait(false)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(GatewayApi.Group, GatewayApi.Version, r.Namespace, plural, continueParameter: r.Continue, labelSelector: r.LabelSelector, limit: r.Limit, customHeaders: r.Headers, cancellationToken: ct).ConfigureAwait(false);
        var list = GatewayCertificatesReader.ToObject(response.Body);
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(o => new ListedObject(o["metadata"]?.Deserialize<V1ObjectMeta>(KubernetesJsonOptions) ?? new V1ObjectMeta(), o))
            .ToList();
        return new ListedPage(items, Token(list["metadata"]?["continue"]?.GetValue<string>()));
    });

    private static string? Token(string? token) => string.IsNullOrEmpty(token) ? null : token;
}
