using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Validation;

/// <summary>Runs the checks of a kind and throws 422 Invalid as the real server does.</summary>
internal static class ObjectValidator
{
    /// <summary>Validates <paramref name="obj"/> (and the update from <paramref name="old"/>) for <paramref name="type"/>.</summary>
    /// <exception cref="Api.StatusException">422 Invalid with one cause per error.</exception>
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var context = new ValidationContext(obj, old);
        MetadataValidator.Validate(type, context);
        switch (type.Kind)
        {
            case "Ingress":
                IngressValidator.Validate(context);
                break;
            case "Secret":
                SecretValidator.Validate(context);
                break;
            case "Service":
                ServiceValidator.Validate(context);
                break;
            case "Event":
                EventValidator.Validate(context, type.Group == ResourceCatalog.Events.Group);
                break;
            case "Role" or "ClusterRole":
                RbacValidator.ValidateRole(context, type.Namespaced);
                break;
            case "RoleBinding" or "ClusterRoleBinding":
                RbacValidator.ValidateBinding(context, type.Namespaced);
                break;
            case "IngressClass":
                if (string.IsNullOrEmpty(obj.GetString("spec", "controller")))
                {
                    context.Add(FieldError.Required("spec.controller"));
                }
                else if (old is not null && old.GetString("spec", "controller") != obj.GetString("spec", "controller"))
                {
                    context.Add(FieldError.Invalid("spec.controller", obj.GetString("spec", "controller")!, "field is immutable"));
                }

                break;
            case "ValidatingWebhookConfiguration":
                KubeApiEmulator.Admission.WebhookConfigurationValidator.Validate(context);
                break;
            case "GatewayClass" or "Gateway" or "HTTPRoute" or "ReferenceGrant":
                Gateway.GatewayApiSchemas.Validate(type.Kind, context);
                break;
        }

        ValidationErrors.ThrowIfAny(type, obj.GetString("metadata", "name") ?? string.Empty, context.Errors);
    }
}
