using static KubeApiEmulator.Protobuf.ProtoKind;

namespace KubeApiEmulator.Protobuf;

/// <summary>
/// The protobuf messages of the served kinds (field numbers of k8s.io/api generated.proto), enough to read
/// what kubectl's typed client sends for create/replace of the served kinds, TokenRequests and SelfSubjectAccessReviews.
/// </summary>
internal static class ProtoMessages
{
    private static readonly ProtoMessage ObjectMeta = new(
        (1, new("name", Text)), (2, new("generateName", Text)), (3, new("namespace", Text)), (4, new("selfLink", Text)),
        (5, new("uid", Text)), (6, new("resourceVersion", Text)), (7, new("generation", Integer)),
        (8, new("creationTimestamp", Time)), (9, new("deletionTimestamp", Time)), (10, new("deletionGracePeriodSeconds", Integer)),
        (11, new("labels", StringMap)), (12, new("annotations", StringMap)),
        (13, new("ownerReferences", Message, true, new ProtoMessage(
            (1, new("kind", Text)), (3, new("name", Text)), (4, new("uid", Text)), (5, new("apiVersion", Text)),
            (6, new("controller", Flag)), (7, new("blockOwnerDeletion", Flag))))),
        (14, new("finalizers", Text, true)));

    private static readonly ProtoMessage IngressBackend = new(
        (3, new("resource", Message, false, new ProtoMessage((1, new("apiGroup", Text)), (2, new("kind", Text)), (3, new("name", Text))))),
        (4, new("service", Message, false, new ProtoMessage(
            (1, new("name", Text)),
            (2, new("port", Message, false, new ProtoMessage((1, new("name", Text)), (2, new("number", Integer)))))))));

    private static readonly ProtoMessage Namespace = new(
        (1, new("metadata", Message, false, ObjectMeta)),
        (2, new("spec", Message, false, new ProtoMessage((1, new("finalizers", Text, true))))),
        (3, new("status", Message, false, new ProtoMessage((1, new("phase", Text))))));

    private static readonly ProtoMessage Secret = new(
        (1, new("metadata", Message, false, ObjectMeta)), (2, new("data", BytesMap)), (3, new("type", Text)),
        (4, new("stringData", StringMap)), (5, new("immutable", Flag)));

    private static readonly ProtoMessage Service = new(
        (1, new("metadata", Message, false, ObjectMeta)),
        (2, new("spec", Message, false, new ProtoMessage(
            (1, new("ports", Message, true, new ProtoMessage(
                (1, new("name", Text)), (2, new("protocol", Text)), (3, new("port", Integer)), (4, new("targetPort", IntOrString)),
                (5, new("nodePort", Integer)), (6, new("appProtocol", Text))))),
            (2, new("selector", StringMap)), (3, new("clusterIP", Text)), (4, new("type", Text)), (5, new("externalIPs", Text, true)),
            (7, new("sessionAffinity", Text)), (8, new("loadBalancerIP", Text)), (9, new("loadBalancerSourceRanges", Text, true)),
            (10, new("externalName", Text)), (11, new("externalTrafficPolicy", Text)), (12, new("healthCheckNodePort", Integer)),
            (13, new("publishNotReadyAddresses", Flag)), (17, new("ipFamilyPolicy", Text)), (18, new("clusterIPs", Text, true)),
            (19, new("ipFamilies", Text, true)), (20, new("allocateLoadBalancerNodePorts", Flag)), (21, new("loadBalancerClass", Text)),
            (22, new("internalTrafficPolicy", Text))))));

    private static readonly ProtoMessage Ingress = new(
        (1, new("metadata", Message, false, ObjectMeta)),
        (2, new("spec", Message, false, new ProtoMessage(
            (1, new("defaultBackend", Message, false, IngressBackend)),
            (2, new("tls", Message, true, new ProtoMessage((1, new("hosts", Text, true)), (2, new("secretName", Text))))),
            (3, new("rules", Message, true, new ProtoMessage(
                (1, new("host", Text)),
                (2, new(string.Empty, Message, false, new ProtoMessage(
                    (1, new("http", Message, false, new ProtoMessage(
                        (1, new("paths", Message, true, new ProtoMessage(
                            (1, new("path", Text)), (2, new("backend", Message, false, IngressBackend)), (3, new("pathType", Text)))))))))))))),
            (4, new("ingressClassName", Text))))));

    private static readonly ProtoMessage PolicyRule = new(
        (1, new("verbs", Text, true)), (2, new("apiGroups", Text, true)), (3, new("resources", Text, true)),
        (4, new("resourceNames", Text, true)), (5, new("nonResourceURLs", Text, true)));

    private static readonly ProtoMessage Role = new((1, new("metadata", Message, false, ObjectMeta)), (2, new("rules", Message, true, PolicyRule)));

    private static readonly ProtoMessage Binding = new(
        (1, new("metadata", Message, false, ObjectMeta)),
        (2, new("subjects", Message, true, new ProtoMessage((1, new("kind", Text)), (2, new("apiGroup", Text)), (3, new("name", Text)), (4, new("namespace", Text))))),
        (3, new("roleRef", Message, false, new ProtoMessage((1, new("apiGroup", Text)), (2, new("kind", Text)), (3, new("name", Text))))));

    private static readonly ProtoMessage ServiceAccount = new(
        (1, new("metadata", Message, false, ObjectMeta)), (4, new("automountServiceAccountToken", Flag)));

    private static readonly ProtoMessage TokenRequest = new(
        (1, new("metadata", Message, false, ObjectMeta)),
        (2, new("spec", Message, false, new ProtoMessage((1, new("audiences", Text, true)), (4, new("expirationSeconds", Integer))))));

    private static readonly ProtoMessage SelfSubjectAccessReview = new(
        (1, new("metadata", Message, false, ObjectMeta)),
        (2, new("spec", Message, false, new ProtoMessage(
            (1, new("resourceAttributes", Message, false, new ProtoMessage(
                (1, new("namespace", Text)), (2, new("verb", Text)), (3, new("group", Text)), (4, new("version", Text)),
                (5, new("resource", Text)), (6, new("subresource", Text)), (7, new("name", Text))))),
            (2, new("nonResourceAttributes", Message, false, new ProtoMessage((1, new("path", Text)), (2, new("verb", Text)))))))));

    /// <summary>The message of a kind, or null when protobuf bodies of that kind are not read.</summary>
    public static ProtoMessage? For(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("v1", "Namespace") => Namespace,
        ("v1", "Secret") => Secret,
        ("v1", "Service") => Service,
        ("networking.k8s.io/v1", "Ingress") => Ingress,
        ("v1", "ServiceAccount") => ServiceAccount,
        ("authentication.k8s.io/v1", "TokenRequest") => TokenRequest,
        ("authorization.k8s.io/v1", "SelfSubjectAccessReview") => SelfSubjectAccessReview,
        ("rbac.authorization.k8s.io/v1", "Role" or "ClusterRole") => Role,
        ("rbac.authorization.k8s.io/v1", "RoleBinding" or "ClusterRoleBinding") => Binding,
        _ => null,
    };
}
