using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>The Ingress pathType of the challenge paths we add.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChallengePathType>))]
public enum ChallengePathType
{
    /// <summary>ImplementationSpecific (default; passes ingress-nginx strict path validation).</summary>
    ImplementationSpecific,

    /// <summary>Prefix.</summary>
    Prefix,

    /// <summary>Exact (fails ingress-nginx strict path validation because the path has a dot).</summary>
    Exact,
}
