using System.Text.Json.Nodes;
using CertFunctions.Core.Kubernetes.Gateways;
using k8s;

namespace CertFunctions.Core.Tests.Kubernetes.Support;

/// <summary>Gateway API objects for tests, as the API serves them.</summary>
internal static class GatewayObjects
{
    /// <summary>The controller the emulator acts for by default.</summary>
    public const string EmulatorController = "certfunctions.io/emulator-gateway-controller";

    /// <summary>Creates a GatewayClass for <paramref name="controller"/> (named after the namespace) and Gateway "web" in <paramref name="ns"/> through the API.</summary>
    public static async Task ApplyAsync(IKubernetes client, string ns, string controller, params JsonObject[] listeners)
    {
        var className = "class-" + ns;
        await client.CustomObjects.CreateClusterCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = "gateway.networking.k8s.io/v1",
                ["kind"] = "GatewayClass",
                ["metadata"] = new JsonObject { ["name"] = className },
                ["spec"] = new JsonObject { ["controllerName"] = controller },
            },
            GatewayApi.Group,
            GatewayApi.Version,
            "gatewayclasses");
        var gateway = Create("web", ns, className, listeners);
        gateway["metadata"]!.AsObject().Remove("resourceVersion");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(gateway, GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.Gateways);
    }

    public static JsonObject Create(params JsonObject[] listeners) => Create("web", "shop", "emulator", listeners);

    public static JsonObject Create(string name, string ns, string gatewayClass, params JsonObject[] listeners) => new()
    {
        ["apiVersion"] = "gateway.networking.k8s.io/v1",
        ["kind"] = "Gateway",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["resourceVersion"] = "7",
            ["annotations"] = new JsonObject { ["certfunctions.io/enabled"] = "true" },
        },
        ["spec"] = new JsonObject { ["gatewayClassName"] = gatewayClass, ["listeners"] = new JsonArray([.. listeners]) },
    };

    public static JsonObject Http(string name, string? hostname = null, int port = 80)
    {
        var listener = new JsonObject { ["name"] = name, ["protocol"] = "HTTP", ["port"] = port };
        if (hostname is not null)
        {
            listener["hostname"] = hostname;
        }

        return listener;
    }

    /// <summary>An HTTPS listener naming <paramref name="secrets"/> in order (none: no certificateRefs at all).</summary>
    public static JsonObject HttpsWithRefs(string name, string? hostname, params string[] secrets) => Https(name, hostname, secrets, null, "Secret", 443);

    public static JsonObject Https(string name, string? hostname, string secret, string? secretNamespace = null, string kind = "Secret", int port = 443) =>
        Https(name, hostname, [secret], secretNamespace, kind, port);

    public static JsonObject Grant(string ns, string fromNamespace, string? secret)
    {
        var to = new JsonObject { ["group"] = string.Empty, ["kind"] = "Secret" };
        if (secret is not null)
        {
            to["name"] = secret;
        }

        return new JsonObject
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1beta1",
            ["kind"] = "ReferenceGrant",
            ["metadata"] = new JsonObject { ["name"] = "allow-" + fromNamespace, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["from"] = new JsonArray(new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = "Gateway", ["namespace"] = fromNamespace }),
                ["to"] = new JsonArray(to),
            },
        };
    }

    private static JsonObject Https(string name, string? hostname, string[] secrets, string? secretNamespace, string kind, int port)
    {
        var refs = new JsonArray();
        foreach (var secret in secrets)
        {
            var reference = new JsonObject { ["kind"] = kind, ["name"] = secret };
            if (secretNamespace is not null)
            {
                reference["namespace"] = secretNamespace;
            }

            refs.Add(reference);
        }

        var listener = new JsonObject
        {
            ["name"] = name,
            ["protocol"] = "HTTPS",
            ["port"] = port,
            ["tls"] = new JsonObject { ["mode"] = "Terminate", ["certificateRefs"] = refs },
        };
        if (hostname is not null)
        {
            listener["hostname"] = hostname;
        }

        return listener;
    }
}
