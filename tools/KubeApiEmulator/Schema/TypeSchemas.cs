using static KubeApiEmulator.Schema.SchemaNode;

namespace KubeApiEmulator.Schema;

/// <summary>The fields of the served kinds (Kubernetes v1.32 API types), for unknown-field and type checks on decode.</summary>
internal static class TypeSchemas
{
    private static readonly SchemaNode ObjectMeta = Struct("ObjectMeta",
        ("name", Text), ("generateName", Text), ("namespace", Text), ("selfLink", Text), ("uid", Text),
        ("resourceVersion", Text), ("generation", Number64), ("creationTimestamp", Text), ("deletionTimestamp", Text),
        ("deletionGracePeriodSeconds", Number64), ("labels", StringMap), ("annotations", StringMap),
        ("ownerReferences", ListOf(Struct("OwnerReference",
            ("apiVersion", Text), ("kind", Text), ("name", Text), ("uid", Text), ("controller", Flag), ("blockOwnerDeletion", Flag)))),
        ("finalizers", StringList), ("managedFields", ListOf(Any)));

    private static readonly SchemaNode IngressBackend = Struct("IngressBackend",
        ("service", Struct("IngressServiceBackend", ("name", Text), ("port", Struct("ServiceBackendPort", ("name", Text), ("number", Number32))))),
        ("resource", Struct("TypedLocalObjectReference", ("apiGroup", Text), ("kind", Text), ("name", Text))));

    private static readonly SchemaNode ObjectReference = Struct("ObjectReference",
        ("kind", Text), ("namespace", Text), ("name", Text), ("uid", Text), ("apiVersion", Text), ("resourceVersion", Text), ("fieldPath", Text));

    private static readonly SchemaNode Ingress = Root(
        ("spec", Struct("IngressSpec",
            ("ingressClassName", Text),
            ("defaultBackend", IngressBackend),
            ("tls", ListOf(Struct("IngressTLS", ("hosts", StringList), ("secretName", Text)))),
            ("rules", ListOf(Struct("IngressRule",
                ("host", Text),
                ("http", Struct("HTTPIngressRuleValue", ("paths", ListOf(Struct("HTTPIngressPath", ("path", Text), ("pathType", Text), ("backend", IngressBackend))))))))))),
        ("status", Struct("IngressStatus", ("loadBalancer", Struct("IngressLoadBalancerStatus", ("ingress", ListOf(Struct("IngressLoadBalancerIngress",
            ("ip", Text), ("hostname", Text), ("ports", ListOf(Struct("IngressPortStatus", ("port", Number32), ("protocol", Text), ("error", Text))))))))))));

    private static readonly SchemaNode IngressClass = Root(
        ("spec", Struct("IngressClassSpec", ("controller", Text), ("parameters", Any))));

    private static readonly SchemaNode Secret = Root(
        ("data", StringMap), ("stringData", StringMap), ("type", Text), ("immutable", Flag));

    private static readonly SchemaNode Service = Root(
        ("spec", Struct("ServiceSpec",
            ("ports", ListOf(Struct("ServicePort", ("name", Text), ("protocol", Text), ("appProtocol", Text), ("port", Number32), ("targetPort", IntOrString), ("nodePort", Number32)))),
            ("selector", StringMap), ("clusterIP", Text), ("clusterIPs", StringList), ("type", Text), ("externalIPs", StringList),
            ("sessionAffinity", Text), ("loadBalancerIP", Text), ("loadBalancerSourceRanges", StringList), ("externalName", Text),
            ("externalTrafficPolicy", Text), ("healthCheckNodePort", Number32), ("publishNotReadyAddresses", Flag), ("sessionAffinityConfig", Any),
            ("ipFamilies", StringList), ("ipFamilyPolicy", Text), ("allocateLoadBalancerNodePorts", Flag), ("loadBalancerClass", Text),
            ("internalTrafficPolicy", Text), ("trafficDistribution", Text))),
        ("status", Struct("ServiceStatus", ("loadBalancer", Any), ("conditions", ListOf(Any)))));

    private static readonly SchemaNode Namespace = Root(
        ("spec", Struct("NamespaceSpec", ("finalizers", StringList))),
        ("status", Struct("NamespaceStatus", ("phase", Text), ("conditions", ListOf(Any)))));

    private static readonly SchemaNode CoreEvent = Root(
        ("involvedObject", ObjectReference), ("reason", Text), ("message", Text),
        ("source", Struct("EventSource", ("component", Text), ("host", Text))),
        ("firstTimestamp", Text), ("lastTimestamp", Text), ("count", Number32), ("type", Text), ("eventTime", Text),
        ("series", Struct("EventSeries", ("count", Number32), ("lastObservedTime", Text))), ("action", Text), ("related", ObjectReference),
        ("reportingComponent", Text), ("reportingInstance", Text));

    private static readonly SchemaNode EventsEvent = Root(
        ("eventTime", Text), ("series", Struct("EventSeries", ("count", Number32), ("lastObservedTime", Text))),
        ("reportingController", Text), ("reportingInstance", Text), ("action", Text), ("reason", Text),
        ("regarding", ObjectReference), ("related", ObjectReference), ("note", Text), ("type", Text),
        ("deprecatedSource", Struct("EventSource", ("component", Text), ("host", Text))),
        ("deprecatedFirstTimestamp", Text), ("deprecatedLastTimestamp", Text), ("deprecatedCount", Number32));

    /// <summary>The schema of a kind in a group ("" for core), or null when unchecked.</summary>
    public static SchemaNode? For(string group, string kind) => (group, kind) switch
    {
        ("networking.k8s.io", "Ingress") => Ingress,
        ("networking.k8s.io", "IngressClass") => IngressClass,
        ("", "Secret") => Secret,
        ("", "Service") => Service,
        ("", "Namespace") => Namespace,
        ("", "Event") => CoreEvent,
        ("events.k8s.io", "Event") => EventsEvent,
        (Validation.Gateway.GatewayApiSchemas.Group, _) when Validation.Gateway.GatewayApiSchemas.Spec(kind) is { } spec =>
            Root(("spec", Crd.CrdDecodeShape.From(spec, kind + "Spec")), ("status", Any)),
        _ => null,
    };

    private static SchemaNode Root(params (string Name, SchemaNode Node)[] fields) =>
        Struct("Object", [("apiVersion", Text), ("kind", Text), ("metadata", ObjectMeta), .. fields]);
}
