using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Ingress-controller specific annotations for solver Ingresses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SolverPreset>))]
public enum SolverPreset
{
    /// <summary>No controller annotations (annotation value plain).</summary>
    Plain,

    /// <summary>ingress-nginx: upstream-vhost, backend-protocol, no ssl redirect (ingress-nginx).</summary>
    IngressNginx,

    /// <summary>Azure Application Gateway Ingress Controller: backend-hostname, backend-protocol (azure-application-gateway).</summary>
    AzureApplicationGateway,
}
