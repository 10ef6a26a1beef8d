namespace CertFunctions.Testing.LocalWorld;

/// <summary>Seeds a namespace, a backend Service and an Ingress into the world's cluster with the real kubectl.</summary>
public static class IngressSeeder
{
    /// <summary>Creates a fresh namespace (prefix <paramref name="namespacePrefix"/>) holding Service <c>web</c> and Ingress <paramref name="name"/> for <paramref name="hosts"/>; returns the namespace.</summary>
    public static async Task<string> SeedAsync(LocalWorld world, string name, IReadOnlyList<string> hosts, bool optIn = true, string namespacePrefix = "client")
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(hosts);
        var ns = await world.Emulator.CreateNamespaceAsync(namespacePrefix);
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
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}
              namespace: {ns}
              annotations:
                certfunctions.io/enabled: "{(optIn ? "true" : "false")}"
            spec:
              ingressClassName: nginx
              rules:{rules}
            """;
        var result = await world.Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(result.ExitCode == 0, "kubectl apply failed: " + result.StandardError);
        return ns;
    }
}
