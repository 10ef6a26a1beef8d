using KubeApiEmulator.Schema.Crd;
using static KubeApiEmulator.Schema.Crd.CrdSchemaBuilder;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>Schema pieces shared by the Gateway API kinds: object references and label selectors.</summary>
internal static class GatewayApiRefs
{
    /// <summary>An API group field.</summary>
    public static CrdSchema Group => Str(253, pattern: GatewayApiPatterns.Group);

    /// <summary>A kind field.</summary>
    public static CrdSchema Kind => Str(63, 1, GatewayApiPatterns.Kind);

    /// <summary>An object name field.</summary>
    public static CrdSchema Name => Str(253, 1);

    /// <summary>A namespace field.</summary>
    public static CrdSchema Namespace => Str(63, 1, GatewayApiPatterns.Namespace);

    /// <summary>A port number.</summary>
    public static CrdSchema Port => Int(1, 65535);

    /// <summary>A reference to a parameters object (GatewayClass, Gateway infrastructure).</summary>
    public static CrdSchema ParametersRef => Obj(("group", Group), ("kind", Kind), ("name", Name)).Requires("group", "kind", "name");

    /// <summary>A metav1.LabelSelector.</summary>
    public static CrdSchema LabelSelector => Obj(
        ("matchExpressions", Arr(Obj(("key", Str()), ("operator", Str()), ("values", Arr(Str()))).Requires("key", "operator"))),
        ("matchLabels", StrMap()));
}
