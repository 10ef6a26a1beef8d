using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>How a solver HTTPRoute reaches the responder.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayRouting>))]
public enum GatewayRouting
{
    /// <summary>A RequestRedirect filter to the responder's public URL: no Service in the cluster, works on every implementation.</summary>
    Redirect,

    /// <summary>A backendRef to the responder Service (ExternalName to the Function App), with a URLRewrite of the host name.</summary>
    Backend,
}
