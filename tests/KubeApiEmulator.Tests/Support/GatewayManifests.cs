namespace KubeApiEmulator.Tests.Support;

/// <summary>Gateway API manifests the tests apply (YAML, as a user writes them).</summary>
public static class GatewayManifests
{
    /// <summary>The controllerName the emulator acts for by default.</summary>
    public const string Controller = "certfunctions.io/emulator-gateway-controller";

    /// <summary>A GatewayClass for <paramref name="controller"/>.</summary>
    public static string GatewayClass(string name, string controller = Controller) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: {name}
        spec:
          controllerName: {controller}
        """;

    /// <summary>A Gateway with the given listeners (YAML list items, indented by two spaces).</summary>
    public static string Gateway(string ns, string name, string className, string listeners) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          gatewayClassName: {className}
          listeners:
        {Indent(listeners, 2)}
        """;

    /// <summary>One HTTP listener.</summary>
    public static string HttpListener(string name, int port, string? hostname = null, string? allowedFrom = null) =>
        $"- name: {name}\n  port: {port}\n  protocol: HTTP\n" +
        (hostname is null ? string.Empty : $"  hostname: \"{hostname}\"\n") +
        (allowedFrom is null ? string.Empty : $"  allowedRoutes:\n    namespaces:\n      from: {allowedFrom}\n");

    /// <summary>One HTTPS listener terminating TLS with Secret <paramref name="secret"/> (in <paramref name="secretNamespace"/> when given).</summary>
    public static string HttpsListener(string name, int port, string hostname, string secret, string? secretNamespace = null) =>
        $"- name: {name}\n  port: {port}\n  protocol: HTTPS\n  hostname: \"{hostname}\"\n  tls:\n    mode: Terminate\n    certificateRefs:\n    - name: {secret}\n" +
        (secretNamespace is null ? string.Empty : $"      namespace: {secretNamespace}\n");

    /// <summary>An HTTPRoute with parentRefs, hostnames and rules given as YAML list items.</summary>
    public static string HttpRoute(string ns, string name, string parentRefs, string rules, params string[] hostnames) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          parentRefs:
        {Indent(parentRefs, 2)}
        {(hostnames.Length == 0 ? string.Empty : "  hostnames: [" + string.Join(", ", hostnames.Select(h => "\"" + h + "\"")) + "]")}
          rules:
        {Indent(rules, 2)}
        """;

    /// <summary>A parentRef to a Gateway.</summary>
    public static string Parent(string gateway, string? ns = null, string? sectionName = null, int? port = null) =>
        $"- name: {gateway}\n" + (ns is null ? string.Empty : $"  namespace: {ns}\n") +
        (sectionName is null ? string.Empty : $"  sectionName: {sectionName}\n") + (port is null ? string.Empty : $"  port: {port}\n");

    /// <summary>A rule sending a path match to a Service backend.</summary>
    public static string Rule(string pathType, string path, string service, int port = 80, string? serviceNamespace = null, string extra = "") =>
        $"- matches:\n  - path:\n      type: {pathType}\n      value: {path}\n{extra}  backendRefs:\n  - name: {service}\n    port: {port}\n" +
        (serviceNamespace is null ? string.Empty : $"    namespace: {serviceNamespace}\n");

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", text.TrimEnd('\n').Split('\n').Select(line => pad + line));
    }
}
