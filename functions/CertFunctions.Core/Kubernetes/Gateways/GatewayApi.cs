namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>Names of the Gateway API (gateway.networking.k8s.io) resources we read and write.</summary>
public static class GatewayApi
{
    /// <summary>The API group.</summary>
    public const string Group = "gateway.networking.k8s.io";

    /// <summary>The served version we use (v1 holds Gateway, HTTPRoute; ReferenceGrant is v1beta1 and v1 in 1.3+).</summary>
    public const string Version = "v1";

    /// <summary>ReferenceGrant's version: v1beta1 is served by every implementation since Gateway API 0.6.</summary>
    public const string ReferenceGrantVersion = "v1beta1";

    /// <summary>Plural of Gateway.</summary>
    public const string Gateways = "gateways";

    /// <summary>Plural of HTTPRoute.</summary>
    public const string HttpRoutes = "httproutes";

    /// <summary>Plural of ReferenceGrant.</summary>
    public const string ReferenceGrants = "referencegrants";
}
