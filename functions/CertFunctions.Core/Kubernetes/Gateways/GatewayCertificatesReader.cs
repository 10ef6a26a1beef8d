using System.Text.Json;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>Reads one Gateway, and the ReferenceGrants its cross-namespace certificateRefs need, into what it asks for.</summary>
public sealed class GatewayCertificatesReader(IKubernetesClientProvider clients)
{
    /// <summary>What <paramref name="gateway"/> asks for; throws <see cref="GatewayNotFoundException"/> when it does not exist.</summary>
    public async Task<GatewayCertificates> ReadAsync(CertificateRef gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var client = clients.GetClient(gateway.Cluster);
        var found = await KubernetesCall.RunOrNullAsync(
                () => client.CustomObjects.GetNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.Version, gateway.Namespace, GatewayApi.Gateways, gateway.Name, cancellationToken),
                $"read Gateway {gateway.Namespace}/{gateway.Name}",
                cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayNotFoundException(gateway);
        return await FromObjectAsync(gateway, ToObject(found), ns => ListGrantsAsync(gateway.Cluster, ns, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// What <paramref name="obj"/>, the Gateway <paramref name="gateway"/> as read or listed, asks for; <paramref name="grantsOf"/> gives the
    /// ReferenceGrants of a namespace, asked only where a listener points into another namespace (most Gateways need no extra call).
    /// </summary>
    public static async Task<GatewayCertificates> FromObjectAsync(CertificateRef gateway, JsonObject obj, Func<string, Task<IReadOnlyList<JsonObject>>> grantsOf)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(grantsOf);
        var otherNamespaces = GatewayCertificatesBuilder.ReadListeners(obj, gateway.Namespace)
            .Where(l => l.CertificateRefs.Count > 0 && l.CertificateRefs[0].Namespace != gateway.Namespace)
            .Select(l => l.CertificateRefs[0].Namespace)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var grants = new List<JsonObject>();
        foreach (var ns in otherNamespaces)
        {
            grants.AddRange(await grantsOf(ns).ConfigureAwait(false));
        }

        return GatewayCertificatesBuilder.Build(gateway, obj, ReferenceGrants.From(grants));
    }

    /// <summary>The ReferenceGrants of namespace <paramref name="namespace"/>, as the API returns them.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListGrantsAsync(string cluster, string @namespace, CancellationToken cancellationToken)
    {
        var client = clients.GetClient(cluster);
        var list = await KubernetesCall.RunAsync(
            () => client.CustomObjects.ListNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.ReferenceGrantVersion, @namespace, GatewayApi.ReferenceGrants, cancellationToken: cancellationToken),
            $"list ReferenceGrants in {@namespace}",
            cancellationToken).ConfigureAwait(false);
        return [.. (ToObject(list)["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary>The untyped answer of the custom-objects API (a JsonElement) as a mutable JSON object.</summary>
    internal static JsonObject ToObject(object answer) => answer switch
    {
        JsonObject obj => obj,
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject ?? [],
        _ => JsonSerializer.SerializeToNode(answer) as JsonObject ?? [],
    };
}
