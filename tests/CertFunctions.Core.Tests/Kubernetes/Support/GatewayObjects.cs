using System.Text.Json.Nodes;

namespace CertFunctions.Core.Tests.Kubernetes.Support;

/// <summary>Gateway API objects for tests, as the API serves them.</summary>
internal static class GatewayObjects
{
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
