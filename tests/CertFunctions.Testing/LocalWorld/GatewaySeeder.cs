namespace CertFunctions.Testing.LocalWorld;

/// <summary>Seeds a GatewayClass of the emulator's Gateway controller and Gateways into the world's cluster with the real kubectl.</summary>
public static class GatewaySeeder
{
    /// <summary>The GatewayClass every seeded Gateway uses (served by the emulator's default controller).</summary>
    public const string ClassName = "certfunctions-e2e";

    /// <summary>The emulator's default Gateway controller name.</summary>
    public const string EmulatorController = "certfunctions.io/emulator-gateway-controller";

    /// <summary>
    /// Applies the GatewayClass (once is enough; applying again changes nothing) and Gateway <paramref name="name"/> with
    /// <paramref name="listeners"/> (YAML list items from <see cref="Http"/> and <see cref="Https"/>) in
    /// <paramref name="inNamespace"/>, or in a fresh namespace; returns the namespace.
    /// </summary>
    public static async Task<string> SeedAsync(
        LocalWorld world,
        string name,
        IEnumerable<string> listeners,
        bool optIn = true,
        IDictionary<string, string>? annotations = null,
        string? inNamespace = null,
        string namespacePrefix = "gw")
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(listeners);
        var ns = inNamespace ?? await world.Emulator.CreateNamespaceAsync(namespacePrefix);
        var yaml = Yaml(ns, name, listeners, optIn, annotations);
        var result = await world.Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(result.ExitCode == 0, "kubectl apply failed: " + result.StandardError);
        return ns;
    }

    /// <summary>
    /// The manifest <see cref="SeedAsync"/> applies (the GatewayClass, then Gateway <paramref name="name"/>), for tests that
    /// apply it themselves (a write refused after the webhook).
    /// </summary>
    public static string Yaml(string ns, string name, IEnumerable<string> listeners, bool optIn = true, IDictionary<string, string>? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        var annotationLines = string.Concat((annotations ?? new Dictionary<string, string>()).Select(a => $"\n    {a.Key}: \"{a.Value}\""));
        var listenerLines = string.Concat(listeners.Select(l => "\n" + string.Join("\n", l.Split('\n').Select(line => "    " + line))));
        return $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: {ClassName}
            spec:
              controllerName: {EmulatorController}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: {name}
              namespace: {ns}
              annotations:
                certfunctions.io/enabled: "{(optIn ? "true" : "false")}"{annotationLines}
            spec:
              gatewayClassName: {ClassName}
              listeners:{listenerLines}
            """;
    }

    /// <summary>An HTTP listener on port 80 (the one the CA validates through), for any hostname unless one is given.</summary>
    public static string Http(string name, string? hostname = null) =>
        $"- name: {name}\n  protocol: HTTP\n  port: 80" + (hostname is null ? string.Empty : $"\n  hostname: \"{hostname}\"");

    /// <summary>An HTTPS Terminate listener on 443 for <paramref name="hostname"/> naming Secret <paramref name="secret"/> (in <paramref name="secretNamespace"/> when given).</summary>
    public static string Https(string name, string hostname, string secret, string? secretNamespace = null) =>
        $"- name: {name}\n  protocol: HTTPS\n  port: 443\n  hostname: \"{hostname}\"\n  tls:\n    mode: Terminate\n    certificateRefs:\n    - kind: Secret\n      name: {secret}" +
        (secretNamespace is null ? string.Empty : $"\n      namespace: {secretNamespace}");
}
