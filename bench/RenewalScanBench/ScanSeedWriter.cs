using System.Globalization;
using System.Text;

namespace RenewalScanBench;

/// <summary>
/// Writes the emulator seed: N opted-in Ingresses over 100 namespaces, each with a managed kubernetes.io/tls Secret
/// (real leaf + intermediate, our label, renew-after annotation). One in a hundred is due (renew-after in the past).
/// </summary>
internal static class ScanSeedWriter
{
    /// <summary>Namespaces the objects are spread over.</summary>
    public const int Namespaces = 100;

    /// <summary>True for the Ingresses seeded as due: exactly one per block of 100, spread over namespaces.</summary>
    public static bool IsDue(int index) => index % 100 == (index / 100) % 100;

    /// <summary>How many of <paramref name="count"/> are seeded as due.</summary>
    public static int DueCount(int count) => Enumerable.Range(0, count).Count(IsDue);

    /// <summary>Writes the seed YAML for <paramref name="count"/> Ingresses and returns its path.</summary>
    public static string Write(string directory, int count, DateTimeOffset now)
    {
        using var certificates = new BenchCertificates(now);
        var key = Base64(certificates.LeafKeyPem);
        var notBefore = now.AddDays(-30);
        var notAfter = now.AddDays(60);
        var yaml = new StringBuilder(count * 4096);
        for (var n = 0; n < Namespaces; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scan-{n:000}\n---\n");
        }

        for (var i = 0; i < count; i++)
        {
            var ns = $"scan-{i % Namespaces:000}";
            var name = $"app-{i:00000}";
            var host = $"{name}.scan.test";
            var renewAfter = IsDue(i) ? now.AddHours(-1) : now.AddDays(30);
            var crt = Base64(certificates.LeafPem(host, notBefore, notAfter, i + 1) + certificates.IssuerPem);
            yaml.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: {name}
                  namespace: {ns}
                  annotations:
                    certfunctions.io/enabled: "true"
                spec:
                  ingressClassName: nginx
                  tls:
                  - hosts: [{host}]
                    secretName: {name}-tls
                  rules:
                  - host: {host}
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              number: 80
                ---
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/tls
                metadata:
                  name: {name}-tls
                  namespace: {ns}
                  labels:
                    app.kubernetes.io/managed-by: certfunctions
                    certfunctions.io/ingress: {name}
                  annotations:
                    certfunctions.io/domains: {host}
                    certfunctions.io/not-before: "{Time(notBefore)}"
                    certfunctions.io/not-after: "{Time(notAfter)}"
                    certfunctions.io/renew-after: "{Time(renewAfter)}"
                data:
                  tls.crt: {crt}
                  tls.key: {key}
                ---

                """);
        }

        var path = Path.Combine(directory, $"renewal-scan-seed-{count}.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    private static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
