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
        var obj = ToObject(found);

        // Grants are read only where a listener points into another namespace: most Gateways need no extra call.
        var otherNamespaces = GatewayCertificatesBuilder.ReadListeners(obj, gateway.Namespace)
            .Where(l => l.CertificateRefs.Count > 0 && l.CertificateRefs[0].Namespace != gateway.Namespace)
            .Select(l => l.CertificateRefs[0].Namespace)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var grants = new List<JsonObject>();
        foreach (var ns in otherNamespaces)
        {
            var list = await KubernetesCall.RunAsync(
                () => client.CustomObjects.ListNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.ReferenceGrantVersion, ns, GatewayApi.ReferenceGrants, cancellationToken: cancellationToken),
                $"list ReferenceGrants in {ns}",
                cancellationToken).ConfigureAwait(false);
            grants.AddRange((ToObject(list)["items"] as JsonArray ?? []).OfType<JsonObject>());
        }

        return GatewayCertificatesBuilder.Build(gateway, obj, ReferenceGrants.From(grants));
    }

    /// <summary>The untyped answer of the custom-objects API (a JsonElement) as a mutable JSON object.</summary>
    internal static JsonObject ToObject(object answer) => answer switch
    {
        JsonObject obj => obj,
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject ?? [],
        _ => JsonSerializer.SerializeToNode(answer) as JsonObject ?? [],
    };
}
