using System.Text.Json.Nodes;
using KubeApiEmulator.Schema.Crd;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The Gateway API kinds' schemas, and the defaulting and validation a server with their CRDs applies.</summary>
internal static class GatewayApiSchemas
{
    /// <summary>The API group.</summary>
    public const string Group = "gateway.networking.k8s.io";

    /// <summary>The spec schema of <paramref name="kind"/>, or null when it is not a Gateway API kind.</summary>
    public static CrdSchema? Spec(string kind) => kind switch
    {
        "GatewayClass" => GatewayClassSchema.Spec,
        "Gateway" => GatewaySchema.Spec,
        "HTTPRoute" => HttpRouteSchema.Spec,
        "ReferenceGrant" => ReferenceGrantSchema.Spec,
        _ => null,
    };

    /// <summary>Applies the CRD defaults, including the status a new GatewayClass or Gateway shows before a controller acts.</summary>
    public static void Default(string kind, JsonObject obj)
    {
        if (Spec(kind) is not { } spec)
        {
            return;
        }

        if (kind == "HTTPRoute")
        {
            // spec is required and has no default; the HTTPRoute spec's own members default inside it.
            obj["spec"] ??= new JsonObject();
        }

        CrdDefaulter.Apply(obj["spec"], spec);
        var statusDefault = kind switch
        {
            "GatewayClass" => GatewayClassSchema.StatusDefault,
            "Gateway" => GatewaySchema.StatusDefault,
            _ => null,
        };
        if (statusDefault is not null && obj["status"] is null)
        {
            obj["status"] = JsonNode.Parse(statusDefault);
        }
    }

    /// <summary>Adds the schema and rule errors of the object's spec.</summary>
    public static void Validate(string kind, ValidationContext context)
    {
        if (Spec(kind) is not { } spec)
        {
            return;
        }

        if (context.Object["spec"] is null)
        {
            context.Add(FieldError.Required("spec"));
            return;
        }

        CrdValidator.Validate(context.Object["spec"], context.Old?["spec"], spec, "spec", context.Errors);
    }
}
