using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Api;

namespace KubeApiEmulator.Objects;

/// <summary>The defaulting and normalising a real server applies before validation and storage.</summary>
internal sealed class ObjectDefaults(ClusterIpAllocator clusterIps, Security.ServiceAccountTokenSecrets tokenSecrets)
{
    /// <summary>Applies the defaults of <paramref name="kind"/> to <paramref name="obj"/>; <paramref name="old"/> is the stored object on update.</summary>
    /// <exception cref="StatusException">400 when Secret data is not base64.</exception>
    public void Apply(string kind, JsonObject obj, JsonObject? old)
    {
        JsonNodes.Compact(obj);
        switch (kind)
        {
            case "Secret":
                NormalizeSecret(obj);
                tokenSecrets.Populate(obj);
                break;
            case "Service":
                DefaultService(obj, old);
                break;
            case "Namespace":
                {
                    var name = obj.GetString("metadata", "name") ?? string.Empty;
                    obj.Metadata().GetOrAddObject("labels")["kubernetes.io/metadata.name"] = name;
                    var spec = obj.GetOrAddObject("spec");
                    spec["finalizers"] ??= new JsonArray("kubernetes");
                    obj.GetOrAddObject("status")["phase"] ??= "Active";
                    break;
                }

            case "Event":
                // core/v1 Event declares these without omitempty (source is a struct): the server always returns them.
                obj["reportingComponent"] ??= string.Empty;
                obj["reportingInstance"] ??= string.Empty;
                obj["source"] ??= new JsonObject();
                break;
            case "GatewayClass" or "Gateway" or "HTTPRoute" or "ReferenceGrant":
                Validation.Gateway.GatewayApiSchemas.Default(kind, obj);
                break;
            case "Ingress":
                obj["spec"] ??= new JsonObject();
                obj.GetOrAddObject("status").GetOrAddObject("loadBalancer");
                break;
        }
    }

    private static void NormalizeSecret(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (text is null || !IsBase64(text))
                {
                    throw StatusObjects.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0 in data[{key}]");
                }
            }
        }

        if (obj["stringData"] is JsonObject stringData)
        {
            var target = obj.GetOrAddObject("data");
            foreach (var (key, value) in stringData)
            {
                target[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? string.Empty));
            }

            obj.Remove("stringData");
        }
    }

    private void DefaultService(JsonObject obj, JsonObject? old)
    {
        var spec = obj.GetOrAddObject("spec");
        var type = spec.GetString("type") ?? "ClusterIP";
        spec["type"] = type;
        spec["sessionAffinity"] ??= "None";
        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                if (port["targetPort"] is null && port["port"] is JsonNode number)
                {
                    port["targetPort"] = number.DeepClone();
                }
            }
        }

        // A Service has status.loadBalancer {} from creation on, whatever its type (the struct is never omitted).
        obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
        if (type == "ExternalName")
        {
            DefaultExternalName(spec, old);
            return;
        }

        var clusterIp = spec.GetString("clusterIP");
        if (string.IsNullOrEmpty(clusterIp))
        {
            clusterIp = old?.GetString("spec", "clusterIP");
            if (string.IsNullOrEmpty(clusterIp))
            {
                clusterIp = clusterIps.Next();
            }

            spec["clusterIP"] = clusterIp;
        }

        spec["clusterIPs"] ??= new JsonArray(clusterIp);
        if (clusterIp != "None")
        {
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
        }

        spec["internalTrafficPolicy"] ??= "Cluster";
    }

    private static void DefaultExternalName(JsonObject spec, JsonObject? old)
    {
        var oldSpec = old?["spec"] as JsonObject;
        if (oldSpec is not null && oldSpec.GetString("type") != "ExternalName" && oldSpec.GetString("clusterIP") == spec.GetString("clusterIP"))
        {
            // Changing the type to ExternalName drops the allocated addresses the client did not touch (dropTypeDependentFields).
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
            spec.Remove("ipFamilies");
            spec.Remove("ipFamilyPolicy");
            return;
        }

        // A clusterIP the client set is mirrored into clusterIPs, where validation then forbids it.
        if (!string.IsNullOrEmpty(spec.GetString("clusterIP")) && spec["clusterIPs"] is null)
        {
            spec["clusterIPs"] = new JsonArray(spec.GetString("clusterIP"));
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
