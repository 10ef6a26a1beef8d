using System.Globalization;
using System.Text;

namespace EmulatorBench;

/// <summary>Writes the seed file: N Ingresses with a TLS section and N kubernetes.io/tls Secrets over 100 namespaces.</summary>
internal static class SeedWriter
{
    /// <summary>Namespaces the objects are spread over.</summary>
    public const int Namespaces = 100;

    /// <summary>Writes the seed YAML and returns its path.</summary>
    public static string Write(string directory, int objects)
    {
        var certificate = Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\n" + new string('A', 1400) + "\n-----END CERTIFICATE-----\n"));
        var key = Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN PRIVATE KEY-----\n" + new string('B', 200) + "\n-----END PRIVATE KEY-----\n"));
        var yaml = new StringBuilder();
        for (var n = 0; n < Namespaces; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-{n:000}\n---\n");
        }

        for (var i = 0; i < objects; i++)
        {
            var ns = $"bench-{i % Namespaces:000}";
            yaml.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: app-{i:00000}
                  namespace: {ns}
                  labels:
                    app: app-{i:00000}
                  annotations:
                    certfunctions.io/enabled: "true"
                spec:
                  ingressClassName: nginx
                  tls:
                  - hosts: [app-{i:00000}.bench.example]
                    secretName: app-{i:00000}-tls
                  rules:
                  - host: app-{i:00000}.bench.example
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: app
                            port:
                              number: 80
                ---
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/tls
                metadata:
                  name: app-{i:00000}-tls
                  namespace: {ns}
                  annotations:
                    certfunctions.io/not-after: "2027-01-01T00:00:00Z"
                data:
                  tls.crt: {certificate}
                  tls.key: {key}
                ---

                """);
        }

        var path = Path.Combine(directory, "bench-seed.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }
}
