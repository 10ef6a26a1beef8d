namespace CertFunctions.Testing.LocalWorld;

/// <summary>Seeds a namespace, a backend Service and an Ingress into the world's cluster with the real kubectl.</summary>
public static class IngressSeeder
{
    /// <summary>
    /// Applies Service <c>web</c> and Ingress <paramref name="name"/> for <paramref name="hosts"/> (with extra
    /// <paramref name="annotations"/>) in <paramref name="inNamespace"/>, or in a fresh namespace named from
    /// <paramref name="namespacePrefix"/>; returns the namespace.
    /// </summary>
    public static async Task<string> SeedAsync(
        LocalWorld world,
        string name,
        IReadOnlyList<string> hosts,
        bool optIn = true,
        string namespacePrefix = "client",
        IDictionary<string, string>? annotations = null,
        string? inNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(hosts);
        var ns = inNamespace ?? await world.Emulator.CreateNamespaceAsync(namespacePrefix);
        var yaml = $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: {ns}
            spec:
              ports:
                - port: 80
            ---

            """ + IngressYaml(ns, name, hosts, optIn, annotations);
        var result = await world.Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(result.ExitCode == 0, "kubectl apply failed: " + result.StandardError);
        return ns;
    }

    /// <summary>
    /// The manifest of Ingress <paramref name="name"/> alone (class nginx, backend Service <c>web</c>), opted in or not,
    /// with extra <paramref name="annotations"/>: for tests that apply it themselves (a refused write, a dry run).
    /// </summary>
    public static string IngressYaml(
        string ns, string name, IReadOnlyList<string> hosts, bool optIn = true, IDictionary<string, string>? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var annotationLines = string.Concat((annotations ?? new Dictionary<string, string>()).Select(a => $"\n    {a.Key}: \"{a.Value}\""));
        var rules = string.Concat(hosts.Select(h => $"""

              - host: "{h}"
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: web
                          port:
                            number: 80
            """));
        return $"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}
              namespace: {ns}
              annotations:
                certfunctions.io/enabled: "{(optIn ? "true" : "false")}"{annotationLines}
            spec:
              ingressClassName: nginx
              rules:{rules}
            """;
    }
}
