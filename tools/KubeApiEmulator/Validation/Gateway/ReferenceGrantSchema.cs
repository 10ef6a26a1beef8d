using KubeApiEmulator.Schema.Crd;
using static KubeApiEmulator.Schema.Crd.CrdSchemaBuilder;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The spec schema of gateway.networking.k8s.io/v1beta1 ReferenceGrant.</summary>
internal static class ReferenceGrantSchema
{
    /// <summary>spec.</summary>
    public static CrdSchema Spec { get; } = Obj(
        ("from", Arr(Obj(("group", GatewayApiRefs.Group), ("kind", GatewayApiRefs.Kind), ("namespace", GatewayApiRefs.Namespace)).Requires("group", "kind", "namespace"), 16, 1)),
        ("to", Arr(Obj(("group", GatewayApiRefs.Group), ("kind", GatewayApiRefs.Kind), ("name", GatewayApiRefs.Name)).Requires("group", "kind"), 16, 1)))
        .Requires("from", "to");
}
