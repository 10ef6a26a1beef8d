using System.Text.Json.Nodes;
using KubeApiEmulator.Schema.Crd;
using static KubeApiEmulator.Schema.Crd.CrdSchemaBuilder;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The spec schema of gateway.networking.k8s.io/v1 GatewayClass (standard channel v1.2).</summary>
internal static class GatewayClassSchema
{
    /// <summary>The status a GatewayClass gets before a controller writes one (the CRD's status default).</summary>
    public const string StatusDefault = """{"conditions":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"}]}""";

    /// <summary>spec.</summary>
    public static CrdSchema Spec { get; } = Obj(
        ("controllerName", Str(253, 1, GatewayApiPatterns.ControllerName).TransitionRule("Value is immutable", (self, old) => JsonNode.DeepEquals(self, old))),
        ("description", Str(64)),
        ("parametersRef", Obj(
            ("group", GatewayApiRefs.Group), ("kind", GatewayApiRefs.Kind), ("name", GatewayApiRefs.Name), ("namespace", GatewayApiRefs.Namespace))
            .Requires("group", "kind", "name")))
        .Requires("controllerName");
}
