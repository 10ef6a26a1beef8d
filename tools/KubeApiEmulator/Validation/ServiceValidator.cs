using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>core/v1 Service validation for the fields this product uses: type, externalName, ports, clusterIP.</summary>
internal static class ServiceValidator
{
    private static readonly string[] SupportedTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] SupportedProtocols = ["SCTP", "TCP", "UDP"];

    /// <summary>Checks the spec of a defaulted Service.</summary>
    public static void Validate(ValidationContext context)
    {
        var spec = context.Object["spec"] as JsonObject ?? [];
        var type = spec.GetString("type") ?? "ClusterIP";
        if (!SupportedTypes.Contains(type))
        {
            context.Add(FieldError.NotSupported("spec.type", type, SupportedTypes));
        }

        var ports = spec["ports"] as JsonArray ?? [];
        if (type == "ExternalName")
        {
            var externalName = spec.GetString("externalName") ?? string.Empty;
            if (externalName.Length == 0)
            {
                context.Add(FieldError.Required("spec.externalName"));
            }
            else
            {
                context.AddInvalid("spec.externalName", externalName, NameRules.Dns1123Subdomain(externalName.TrimEnd('.')));
            }

            if (spec["clusterIPs"] is JsonArray { Count: > 0 })
            {
                context.Add(FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
            }
        }
        else if (ports.Count == 0 && spec.GetString("clusterIP") != "None")
        {
            context.Add(FieldError.Required("spec.ports"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<(string, long)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i] as JsonObject ?? [];
            var path = $"spec.ports[{i}]";
            var name = port.GetString("name") ?? string.Empty;
            if (ports.Count > 1 && name.Length == 0)
            {
                context.Add(FieldError.Required(path + ".name"));
            }
            else if (name.Length > 0)
            {
                context.AddInvalid(path + ".name", name, NameRules.Dns1123Label(name));
                if (!names.Add(name))
                {
                    context.Add(FieldError.Duplicate(path + ".name", name));
                }
            }

            var number = port["port"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
            if (number is < 1 or > 65535)
            {
                context.Add(FieldError.Invalid(path + ".port", number, "must be between 1 and 65535, inclusive"));
            }

            var protocol = port.GetString("protocol") ?? "TCP";
            if (!SupportedProtocols.Contains(protocol))
            {
                context.Add(FieldError.NotSupported(path + ".protocol", protocol, SupportedProtocols));
            }

            if (!keys.Add((protocol, number)))
            {
                // The server keys ports by (protocol, port) and prints that key as a Go struct literal.
                context.Add(new FieldError("FieldValueDuplicate", path, DuplicateKey(protocol, number), string.Empty));
            }

            switch (port["targetPort"])
            {
                case JsonValue target when target.TryGetValue<string>(out var targetName):
                    context.AddInvalid(path + ".targetPort", targetName, NameRules.PortName(targetName));
                    break;
                case JsonValue target when target.TryGetValue<long>(out var targetNumber) && targetNumber is < 1 or > 65535:
                    context.Add(FieldError.Invalid(path + ".targetPort", targetNumber, "must be between 1 and 65535, inclusive"));
                    break;
            }
        }

        if (context.Old is JsonObject old)
        {
            var oldClusterIp = old.GetString("spec", "clusterIP");
            var newClusterIp = spec.GetString("clusterIP");
            var oldType = old.GetString("spec", "type") ?? "ClusterIP";
            if (oldType != "ExternalName" && type != "ExternalName" && !string.IsNullOrEmpty(oldClusterIp) && oldClusterIp != newClusterIp)
            {
                context.Add(FieldError.Invalid("spec.clusterIP", newClusterIp ?? string.Empty, "field is immutable"));
            }
        }
    }

    private static string DuplicateKey(string protocol, long port) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"core.ServicePort{{Name:\"\", Protocol:\"{protocol}\", AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}");
}
