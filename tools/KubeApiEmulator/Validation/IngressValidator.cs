using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>networking.k8s.io/v1 Ingress validation, with the real server's field paths and messages.</summary>
internal static class IngressValidator
{
    private static readonly string[] SupportedPathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];

    /// <summary>Checks spec of an Ingress.</summary>
    public static void Validate(ValidationContext context)
    {
        var spec = context.Object["spec"] as JsonObject ?? [];
        var rules = spec["rules"] as JsonArray;
        if ((rules is null || rules.Count == 0) && spec["defaultBackend"] is null)
        {
            context.Add(FieldError.InvalidRaw("spec", "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"));
        }

        if (spec["defaultBackend"] is JsonObject defaultBackend)
        {
            ValidateBackend(context, defaultBackend, "spec.defaultBackend");
        }

        for (var i = 0; rules is not null && i < rules.Count; i++)
        {
            ValidateRule(context, rules[i] as JsonObject ?? [], $"spec.rules[{i}]");
        }

        if (spec["tls"] is JsonArray tls)
        {
            for (var t = 0; t < tls.Count; t++)
            {
                var entry = tls[t] as JsonObject ?? [];
                if (entry["hosts"] is JsonArray hosts)
                {
                    for (var h = 0; h < hosts.Count; h++)
                    {
                        var host = hosts[h]?.ToString() ?? string.Empty;
                        context.AddInvalid($"spec.tls[{t}].hosts[{h}]", host,
                            host.Contains('*', StringComparison.Ordinal) ? NameRules.WildcardDns1123Subdomain(host) : NameRules.Dns1123Subdomain(host));
                    }
                }

                var secretName = entry.GetString("secretName") ?? string.Empty;
                if (secretName.Length > 0)
                {
                    context.AddInvalid($"spec.tls[{t}].secretName", secretName, NameRules.Dns1123Subdomain(secretName));
                }
            }
        }

        if (spec.GetString("ingressClassName") is string className)
        {
            context.AddInvalid("spec.ingressClassName", className, NameRules.Dns1123Subdomain(className));
        }
    }

    private static void ValidateRule(ValidationContext context, JsonObject rule, string path)
    {
        var host = rule.GetString("host") ?? string.Empty;
        if (host.Length > 0)
        {
            if (NameRules.IsIpAddress(host))
            {
                context.Add(FieldError.Invalid(path + ".host", host, "must be a DNS name, not an IP address"));
            }

            context.AddInvalid(path + ".host", host,
                host.Contains('*', StringComparison.Ordinal) ? NameRules.WildcardDns1123Subdomain(host) : NameRules.Dns1123Subdomain(host));
        }

        if (rule["http"] is not JsonObject http)
        {
            return;
        }

        var paths = http["paths"] as JsonArray;
        if (paths is null || paths.Count == 0)
        {
            context.Add(FieldError.Required(path + ".http.paths"));
            return;
        }

        for (var i = 0; i < paths.Count; i++)
        {
            ValidatePath(context, paths[i] as JsonObject ?? [], $"{path}.http.paths[{i}]");
        }
    }

    private static void ValidatePath(ValidationContext context, JsonObject entry, string path)
    {
        var pathType = entry.GetString("pathType");
        if (pathType is null)
        {
            context.Add(FieldError.Required(path + ".pathType", "pathType must be specified"));
            return;
        }

        var value = entry.GetString("path") ?? string.Empty;
        switch (pathType)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    context.Add(FieldError.Invalid(path + ".path", value, "must be an absolute path"));
                }

                if (value.Length > 0)
                {
                    foreach (var sequence in InvalidPathSequences.Where(s => value.Contains(s, StringComparison.Ordinal)))
                    {
                        context.Add(FieldError.Invalid(path + ".path", value, $"must not contain '{sequence}'"));
                    }

                    foreach (var suffix in InvalidPathSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal)))
                    {
                        context.Add(FieldError.Invalid(path + ".path", value, $"cannot end with '{suffix}'"));
                    }
                }

                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    context.Add(FieldError.Invalid(path + ".path", value, "must be an absolute path"));
                }

                break;
            default:
                context.Add(FieldError.NotSupported(path + ".pathType", pathType, SupportedPathTypes));
                break;
        }

        ValidateBackend(context, entry["backend"] as JsonObject ?? [], path + ".backend");
    }

    private static void ValidateBackend(ValidationContext context, JsonObject backend, string path)
    {
        var resource = backend["resource"];
        var service = backend["service"] as JsonObject;
        if (resource is not null && service is not null)
        {
            context.Add(FieldError.Invalid(path, string.Empty, "cannot set both resource and service backends"));
            return;
        }

        if (resource is not null)
        {
            if (string.IsNullOrEmpty(resource.GetString("kind")))
            {
                context.Add(FieldError.Required(path + ".resource.kind"));
            }

            if (string.IsNullOrEmpty(resource.GetString("name")))
            {
                context.Add(FieldError.Required(path + ".resource.name"));
            }

            return;
        }

        if (service is null)
        {
            context.Add(FieldError.Invalid(path, string.Empty, "resource or service backend is required"));
            return;
        }

        var name = service.GetString("name") ?? string.Empty;
        if (name.Length == 0)
        {
            context.Add(FieldError.Required(path + ".service.name"));
        }
        else
        {
            context.AddInvalid(path + ".service.name", name, NameRules.Dns1035Label(name));
        }

        var port = service["port"] as JsonObject ?? [];
        var portName = port.GetString("name") ?? string.Empty;
        var portNumber = port["number"] is JsonValue number && number.TryGetValue<long>(out var n) ? n : 0;
        if (portName.Length > 0 && portNumber != 0)
        {
            context.Add(FieldError.Invalid(path, string.Empty, "cannot set both port name & port number"));
        }
        else if (portName.Length > 0)
        {
            context.AddInvalid(path + ".service.port.name", portName, NameRules.PortName(portName));
        }
        else if (portNumber != 0)
        {
            if (portNumber is < 1 or > 65535)
            {
                context.Add(FieldError.Invalid(path + ".service.port.number", portNumber, "must be between 1 and 65535, inclusive"));
            }
        }
        else
        {
            context.Add(FieldError.Required(path, "port name or number is required"));
        }
    }
}
