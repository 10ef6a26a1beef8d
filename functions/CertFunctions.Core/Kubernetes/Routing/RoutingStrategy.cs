using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>How the challenge path reaches the responder.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingStrategy>))]
public enum RoutingStrategy
{
    /// <summary>Prepend the token paths to the user's own Ingress rules (annotation value in-place).</summary>
    InPlace,

    /// <summary>Create a separate solver Ingress for the same hosts (solver-ingress).</summary>
    SolverIngress,

    /// <summary>Gateways: a solver HTTPRoute with a RequestRedirect to the responder's public URL (annotation value redirect).</summary>
    HttpRouteRedirect,

    /// <summary>Gateways: a solver HTTPRoute with a backendRef to the responder Service (annotation value backend).</summary>
    HttpRouteBackend,
}
