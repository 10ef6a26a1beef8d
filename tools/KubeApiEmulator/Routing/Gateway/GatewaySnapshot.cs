using System.Text.Json.Nodes;
using KubeApiEmulator.Routing.Gateway.Tls;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>The objects the Gateway controller reads, copied from the store at one moment.</summary>
internal sealed class GatewaySnapshot
{
    /// <summary>GatewayClasses.</summary>
    public List<JsonObject> Classes { get; init; } = [];

    /// <summary>Gateways.</summary>
    public List<JsonObject> Gateways { get; init; } = [];

    /// <summary>HTTPRoutes.</summary>
    public List<JsonObject> Routes { get; init; } = [];

    /// <summary>ReferenceGrants.</summary>
    public List<JsonObject> Grants { get; init; } = [];

    /// <summary>Namespace labels by namespace name.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels { get; init; } = new(StringComparer.Ordinal);

    /// <summary>"namespace/name" of every Service.</summary>
    public HashSet<string> Services { get; init; } = new(StringComparer.Ordinal);

    /// <summary>"namespace/name" of every Secret.</summary>
    public HashSet<string> Secrets { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The Secrets HTTPS listeners of our Gateways name in certificateRefs (those that exist), as stored.</summary>
    public List<StoredObject> CertificateSecrets { get; init; } = [];

    /// <summary>The certificates loaded from <see cref="CertificateSecrets"/>, by "namespace/name".</summary>
    public IReadOnlyDictionary<string, ServingCertificate> Certificates { get; set; } = new Dictionary<string, ServingCertificate>(StringComparer.Ordinal);

    /// <summary>True when a ReferenceGrant in <paramref name="toNamespace"/> lets the "from" kind in <paramref name="fromNamespace"/> refer to the target.</summary>
    public bool Permits(string fromGroup, string fromKind, string fromNamespace, string toGroup, string toKind, string toNamespace, string toName) =>
        Grants.Any(grant => grant.GetString("metadata", "namespace") == toNamespace
            && (grant.Get("spec", "from") as JsonArray ?? []).Any(f => f.GetString("group") == fromGroup && f.GetString("kind") == fromKind && f.GetString("namespace") == fromNamespace)
            && (grant.Get("spec", "to") as JsonArray ?? []).Any(t => t.GetString("group") == toGroup && t.GetString("kind") == toKind && (t.GetString("name") is null || t.GetString("name") == toName)));
}
