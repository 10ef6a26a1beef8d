using System.Text.Json.Nodes;
using KubeApiEmulator.Validation;

namespace KubeApiEmulator.Admission;

/// <summary>The checks the real server makes on a ValidatingWebhookConfiguration (the ones this emulator acts on).</summary>
internal static class WebhookConfigurationValidator
{
    private static readonly string[] FailurePolicies = ["Fail", "Ignore"];
    private static readonly string[] SideEffectClasses = ["None", "NoneOnDryRun", "Some", "Unknown"];
    private static readonly string[] V1SideEffectClasses = ["None", "NoneOnDryRun"];

    /// <summary>Adds an error for each invalid field.</summary>
    public static void Validate(ValidationContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var webhooks = context.Object["webhooks"] as JsonArray ?? [];
        for (var i = 0; i < webhooks.Count; i++)
        {
            var path = $"webhooks[{i}]";
            if (webhooks[i] is not JsonObject webhook)
            {
                context.Add(FieldError.Required(path));
                continue;
            }

            var name = webhook.GetString("name") ?? string.Empty;
            if (name.Length == 0)
            {
                context.Add(FieldError.Required(path + ".name"));
            }
            else if (!names.Add(name))
            {
                context.Add(FieldError.Duplicate(path + ".name", name));
            }
            else if (name.Split('.').Length < 3)
            {
                context.Add(FieldError.Invalid(path + ".name", name, "should be a domain with at least three segments separated by dots"));
            }

            ValidateClientConfig(context, path, webhook);
            if (webhook["admissionReviewVersions"] is not JsonArray versions || !versions.Any(v => v?.GetValue<string>() == "v1"))
            {
                context.Add(FieldError.Required(path + ".admissionReviewVersions", "must specify one of v1, v1beta1"));
            }

            var sideEffects = webhook.GetString("sideEffects");
            if (sideEffects is null)
            {
                context.Add(FieldError.Required(path + ".sideEffects", "must specify one of None, NoneOnDryRun"));
            }
            else if (!SideEffectClasses.Contains(sideEffects) || !V1SideEffectClasses.Contains(sideEffects))
            {
                context.Add(FieldError.NotSupported(path + ".sideEffects", sideEffects, V1SideEffectClasses));
            }

            if (webhook.GetString("failurePolicy") is { } policy && !FailurePolicies.Contains(policy))
            {
                context.Add(FieldError.NotSupported(path + ".failurePolicy", policy, FailurePolicies));
            }

            if (webhook["timeoutSeconds"] is JsonNode timeout && timeout.GetValue<int>() is < 1 or > 30)
            {
                context.Add(FieldError.Invalid(path + ".timeoutSeconds", timeout.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), "the timeout value must be between 1 and 30 seconds"));
            }

            var conditions = webhook["matchConditions"] as JsonArray ?? [];
            for (var c = 0; c < conditions.Count; c++)
            {
                var expression = conditions[c]?.GetString("expression") ?? string.Empty;
                try
                {
                    CelExpression.Parse(expression);
                }
                catch (CelException ex)
                {
                    context.Add(FieldError.Invalid($"{path}.matchConditions[{c}].expression", expression, "compilation failed: " + ex.Message));
                }
            }
        }
    }

    private static void ValidateClientConfig(ValidationContext context, string path, JsonObject webhook)
    {
        var url = webhook.GetString("clientConfig", "url");
        var hasService = webhook.Get("clientConfig", "service") is JsonObject;
        if (url is null == !hasService)
        {
            context.Add(FieldError.Required(path + ".clientConfig", "exactly one of url or service is required"));
            return;
        }

        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            context.Add(FieldError.Invalid(path + ".clientConfig.url", url, "must be a valid URL"));
        }
        else if (uri.Scheme != "https")
        {
            context.Add(FieldError.Invalid(path + ".clientConfig.url", url, "'https' is the only allowed URL scheme"));
        }
        else if (uri.Query.Length > 0)
        {
            context.Add(FieldError.Invalid(path + ".clientConfig.url", url, "query parameters are not allowed"));
        }
        else if (uri.Fragment.Length > 0)
        {
            context.Add(FieldError.Invalid(path + ".clientConfig.url", url, "fragments are not allowed"));
        }
    }
}
