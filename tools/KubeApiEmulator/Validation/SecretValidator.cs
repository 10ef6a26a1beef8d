using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>core/v1 Secret validation: data keys, total size, the keys a typed Secret needs, immutability.</summary>
internal static class SecretValidator
{
    private const int MaxSecretSize = 1024 * 1024;

    /// <summary>Checks a Secret whose data is already base64-checked and merged with stringData.</summary>
    public static void Validate(ValidationContext context)
    {
        var data = context.Object["data"] as JsonObject ?? [];
        var total = 0;
        foreach (var (key, value) in data)
        {
            context.AddInvalid($"data[{key}]", key, NameRules.ConfigKey(key));
            total += (value?.ToString().Length ?? 0) * 3 / 4;
        }

        if (total > MaxSecretSize)
        {
            context.Add(FieldError.TooLong("data", MaxSecretSize));
        }

        var type = context.Object.GetString("type") ?? "Opaque";
        switch (type)
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(context.Object.Metadata()["annotations"].GetString("kubernetes.io/service-account.name")))
                {
                    context.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                }

                break;
            case "kubernetes.io/tls":
                if (!data.ContainsKey("tls.crt"))
                {
                    context.Add(FieldError.Required("data[tls.crt]"));
                }

                if (!data.ContainsKey("tls.key"))
                {
                    context.Add(FieldError.Required("data[tls.key]"));
                }

                break;
            case "kubernetes.io/basic-auth":
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    context.Add(FieldError.Required("data[username]"));
                    context.Add(FieldError.Required("data[password]"));
                }

                break;
            case "kubernetes.io/ssh-auth":
                if (!data.ContainsKey("ssh-privatekey"))
                {
                    context.Add(FieldError.Required("data[ssh-privatekey]"));
                }

                break;
            case "kubernetes.io/dockerconfigjson":
                if (!data.ContainsKey(".dockerconfigjson"))
                {
                    context.Add(FieldError.Required("data[.dockerconfigjson]"));
                }

                break;
        }

        if (context.Old is JsonObject old)
        {
            var oldType = old.GetString("type") ?? "Opaque";
            if (oldType != type)
            {
                context.Add(FieldError.Invalid("type", type, "field is immutable"));
            }

            if (old["immutable"] is JsonValue immutable && immutable.TryGetValue<bool>(out var isImmutable) && isImmutable)
            {
                if (!JsonNode.DeepEquals(old["data"], context.Object["data"]))
                {
                    context.Add(FieldError.Forbidden("data", "field is immutable when `immutable` is set"));
                }

                if (!JsonNode.DeepEquals(old["immutable"], context.Object["immutable"]))
                {
                    context.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
                }
            }
        }
    }
}
