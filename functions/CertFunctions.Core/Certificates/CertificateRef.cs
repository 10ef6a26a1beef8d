using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace CertFunctions.Core.Certificates;

/// <summary>Identifies a managed certificate by the object that asks for it: an Ingress or a Gateway (cluster, namespace, name).</summary>
/// <param name="Cluster">Configured cluster name (see <c>Kubernetes:Clusters</c>).</param>
/// <param name="Namespace">Namespace of the object.</param>
/// <param name="Ingress">
/// Name of the object (an Ingress or a Gateway; see <see cref="Name"/>). The property keeps its first name so orchestration
/// inputs and state recorded before Gateways existed still read back.
/// </param>
/// <param name="Kind">The object's kind; Ingress when absent, which keeps every Ingress's instance id as it was.</param>
/// <param name="Secret">
/// For one certificate of a Gateway: the Secret ("namespace/name") its listeners name. Null for an Ingress, and for a
/// Gateway as a whole (the run that issues each of its Secrets in turn).
/// </param>
public sealed record CertificateRef(string Cluster, string Namespace, string Ingress, CertificateObjectKind Kind = CertificateObjectKind.Ingress, string? Secret = null)
{
    /// <summary>The object's name, whatever its kind.</summary>
    [JsonIgnore]
    public string Name => Ingress;

    /// <summary>True for a Gateway.</summary>
    [JsonIgnore]
    public bool IsGateway => Kind == CertificateObjectKind.Gateway;

    /// <summary>The orchestration instance id for this certificate: one run per object at a time.</summary>
    /// <remarks>
    /// Readable for people (cluster/namespace/name are DNS-1123 labels, so '_' cannot clash), and
    /// suffixed with a short hash so ids stay unique even if a name contains characters we normalise.
    /// A Gateway's id has its own prefix and hashes its kind too, so a Gateway and an Ingress of the same name
    /// never share a run; an Ingress's id is unchanged from before Gateways existed.
    /// </remarks>
    public string InstanceId
    {
        get
        {
            var key = IsGateway ? $"gateway:{Cluster}/{Namespace}/{Ingress}#{Secret}" : $"{Cluster}/{Namespace}/{Ingress}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
            return !IsGateway ? $"cert_{Cluster}_{Namespace}_{Ingress}_{hash}"
                : Secret is null ? $"gw_{Cluster}_{Namespace}_{Ingress}_{hash}"
                : $"gw_{Cluster}_{Namespace}_{Ingress}_{SecretName}_{hash}";
        }
    }

    /// <summary>The Secret's namespace for one certificate of a Gateway (the Gateway's own when it names none).</summary>
    [JsonIgnore]
    public string SecretNamespace => Secret is { } secret && secret.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? secret[..slash] : Namespace;

    /// <summary>The Secret's name for one certificate of a Gateway; null otherwise.</summary>
    [JsonIgnore]
    public string? SecretName => Secret is { } secret ? secret[(secret.IndexOf('/', StringComparison.Ordinal) + 1)..] : null;

    /// <summary>The Gateway as a whole, for one of its certificates.</summary>
    [JsonIgnore]
    public CertificateRef WholeObject => this with { Secret = null };

    /// <summary>One certificate of this Gateway: the one written to Secret <paramref name="secretNamespace"/>/<paramref name="secretName"/>.</summary>
    public CertificateRef ForSecret(string secretNamespace, string secretName) => this with { Secret = secretNamespace + "/" + secretName };

    /// <summary>A Gateway's certificate reference.</summary>
    public static CertificateRef ForGateway(string cluster, string @namespace, string gateway) =>
        new(cluster, @namespace, gateway, CertificateObjectKind.Gateway);

    /// <inheritdoc />
    public override string ToString() =>
        !IsGateway ? $"{Cluster}/{Namespace}/{Ingress}" : Secret is null ? $"{Cluster}/{Namespace}/gateway/{Ingress}" : $"{Cluster}/{Namespace}/gateway/{Ingress}#{Secret}";
}
