using System.Text.Json.Nodes;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>The ReferenceGrants of the namespaces a Gateway's certificateRefs point into, and what they allow.</summary>
public sealed class ReferenceGrants
{
    private readonly List<(string Namespace, JsonObject Spec)> _grants = [];

    /// <summary>No grants: only same-namespace references are allowed.</summary>
    public static ReferenceGrants None { get; } = new();

    /// <summary>Grants from ReferenceGrant objects as the API returns them (metadata.namespace, spec.from, spec.to).</summary>
    public static ReferenceGrants From(IEnumerable<JsonObject> grants)
    {
        var result = new ReferenceGrants();
        foreach (var grant in grants)
        {
            if (grant["metadata"]?["namespace"]?.GetValue<string>() is { } ns && grant["spec"] is JsonObject spec)
            {
                result._grants.Add((ns, spec));
            }
        }

        return result;
    }

    /// <summary>True when a grant in <paramref name="secretNamespace"/> lets Gateways of <paramref name="gatewayNamespace"/> refer to Secret <paramref name="secretName"/>.</summary>
    public bool AllowsSecret(string gatewayNamespace, string secretNamespace, string secretName) =>
        _grants.Any(g => g.Namespace == secretNamespace
            && Entries(g.Spec, "from").Any(f => Text(f, "group") == GatewayApi.Group && Text(f, "kind") == "Gateway" && Text(f, "namespace") == gatewayNamespace)
            && Entries(g.Spec, "to").Any(t => Text(t, "group").Length == 0 && Text(t, "kind") == "Secret" && (Text(t, "name").Length == 0 || Text(t, "name") == secretName)));

    private static IEnumerable<JsonObject> Entries(JsonObject spec, string field) => (spec[field] as JsonArray ?? []).OfType<JsonObject>();

    private static string Text(JsonObject entry, string field) => entry[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
