namespace KubeApiEmulator.Discovery;

/// <summary>The resources this emulator serves.</summary>
internal static class ResourceCatalog
{
    /// <summary>core/v1 Namespaces.</summary>
    public static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", "namespace", false, ["ns"], ["status", "finalize"], "namespaces");

    /// <summary>core/v1 Secrets.</summary>
    public static readonly ResourceType Secrets = new("", "v1", "Secret", "secrets", "secret", true, [], [], "secrets");

    /// <summary>core/v1 Services.</summary>
    public static readonly ResourceType Services = new("", "v1", "Service", "services", "service", true, ["svc"], ["status"], "services");

    /// <summary>core/v1 Events.</summary>
    public static readonly ResourceType CoreEvents = new("", "v1", "Event", "events", "event", true, ["ev"], [], "events");

    /// <summary>events.k8s.io/v1 Events (the same objects as core/v1 Events, another shape).</summary>
    public static readonly ResourceType Events = new("events.k8s.io", "v1", "Event", "events", "event", true, ["ev"], [], "events");

    /// <summary>networking.k8s.io/v1 Ingresses.</summary>
    public static readonly ResourceType Ingresses = new("networking.k8s.io", "v1", "Ingress", "ingresses", "ingress", true, ["ing"], ["status"], "ingresses");

    /// <summary>networking.k8s.io/v1 IngressClasses.</summary>
    public static readonly ResourceType IngressClasses = new("networking.k8s.io", "v1", "IngressClass", "ingressclasses", "ingressclass", false, [], [], "ingressclasses");

    /// <summary>gateway.networking.k8s.io/v1 GatewayClasses (a custom resource, as the Gateway API CRDs install it).</summary>
    public static readonly ResourceType GatewayClasses = new("gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses", "gatewayclass", false, ["gc"], ["status"], "gatewayclasses", true, ["gateway-api"]);

    /// <summary>gateway.networking.k8s.io/v1 Gateways.</summary>
    public static readonly ResourceType Gateways = new("gateway.networking.k8s.io", "v1", "Gateway", "gateways", "gateway", true, ["gtw"], ["status"], "gateways", true, ["gateway-api"]);

    /// <summary>gateway.networking.k8s.io/v1 HTTPRoutes.</summary>
    public static readonly ResourceType HttpRoutes = new("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", "httproute", true, [], ["status"], "httproutes", true, ["gateway-api"]);

    /// <summary>gateway.networking.k8s.io/v1beta1 ReferenceGrants (standard channel serves no v1).</summary>
    public static readonly ResourceType ReferenceGrants = new("gateway.networking.k8s.io", "v1beta1", "ReferenceGrant", "referencegrants", "referencegrant", true, ["refgrant"], [], "referencegrants", true, ["gateway-api"]);

    /// <summary>Every served resource.</summary>
    public static IReadOnlyList<ResourceType> All { get; } = [Namespaces, Secrets, Services, CoreEvents, Events, Ingresses, IngressClasses, .. AccessResources.All, .. Admission.AdmissionResources.All, GatewayClasses, Gateways, HttpRoutes, ReferenceGrants];

    /// <summary>The served API groups, in discovery order ("" is the core group; CRD groups follow the built-in ones).</summary>
    public static IReadOnlyList<string> Groups { get; } = ["networking.k8s.io", "events.k8s.io", AccessResources.RbacGroup, Admission.AdmissionResources.Group, "gateway.networking.k8s.io"];

    /// <summary>Finds the resource named <paramref name="plural"/> in a group/version.</summary>
    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds the resource of an apiVersion/kind pair (used by seeding).</summary>
    public static ResourceType? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    /// <summary>True when a group/version is served.</summary>
    public static bool ServesGroupVersion(string group, string version) =>
        All.Any(r => r.Group == group && r.Version == version);
}
