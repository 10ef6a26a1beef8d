namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>How challenge paths are routed to the responder, bound from the <c>Challenge</c> section.</summary>
public sealed class ChallengeRoutingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Challenge";

    /// <summary><c>Challenge:Routing</c>: the default strategy (an Ingress may override it).</summary>
    public RoutingStrategy Routing { get; set; } = RoutingStrategy.InPlace;

    /// <summary><c>Challenge:PathType</c> of the paths we add.</summary>
    public ChallengePathType PathType { get; set; } = ChallengePathType.ImplementationSpecific;

    /// <summary><c>Challenge:ResponderServiceName</c>: the Service the challenge paths point to, in the Ingress's namespace.</summary>
    public string ResponderServiceName { get; set; } = "certfunctions-responder";

    /// <summary><c>Challenge:ResponderServicePort</c>: its port (443 means the backend speaks HTTPS).</summary>
    public int ResponderServicePort { get; set; } = 80;

    /// <summary><c>Challenge:ResponderExternalName</c>: the Function App host; when set we create the responder as an ExternalName Service.</summary>
    public string? ResponderExternalName { get; set; }

    /// <summary><c>Challenge:SolverPreset</c>: controller annotations for solver Ingresses.</summary>
    public SolverPreset SolverPreset { get; set; } = SolverPreset.Plain;

    /// <summary><c>Challenge:SolverIngressClassName</c>: class of solver Ingresses (default: the user's Ingress class).</summary>
    public string? SolverIngressClassName { get; set; }

    /// <summary>
    /// PEM file of the roots the responder's HTTPS certificate chains to, written as <c>ca.crt</c> into the
    /// <see cref="ResponderProxyTrust.SecretName"/> Secret the ingress-nginx preset needs for TLS SNI to the responder;
    /// empty = the roots this app trusts (its system store).
    /// </summary>
    public string? ResponderTrustedRootsPath { get; set; }
}
