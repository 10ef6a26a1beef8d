using System.Globalization;
using System.Text;

namespace BenchSupport;

/// <summary>
/// Builds an emulator seed file (YAML documents separated by <c>---</c>): namespaces, opted-in Ingresses and Gateways, and
/// our kubernetes.io/tls Secrets, shaped as the app finds and writes them, for the scan and discovery benchmarks.
/// </summary>
public sealed class SeedYaml(int capacity = 1 << 20)
{
    private readonly StringBuilder _yaml = new(capacity);

    /// <summary>The size so far, in characters.</summary>
    public int Length => _yaml.Length;

    /// <summary>Adds a Namespace.</summary>
    public SeedYaml Namespace(string name)
    {
        _yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n---\n");
        return this;
    }

    /// <summary>Adds an opted-in Ingress for <paramref name="host"/>, with a spec.tls entry naming <paramref name="secretName"/> when given.</summary>
    public SeedYaml Ingress(string ns, string name, string host, string? secretName)
    {
        var tls = secretName is null ? string.Empty : $"  tls:\n  - hosts: [{host}]\n    secretName: {secretName}\n";
        _yaml.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}
              namespace: {ns}
              annotations:
                certfunctions.io/enabled: "true"
            spec:
              ingressClassName: nginx

            """);
        _yaml.Append(tls);
        _yaml.Append(CultureInfo.InvariantCulture, $"""
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

            """);
        return this;
    }

    /// <summary>Adds an opted-in Gateway with an HTTP listener on port 80 and one HTTPS listener per (hostname, Secret).</summary>
    public SeedYaml Gateway(string ns, string name, IReadOnlyList<(string Host, string SecretName)> listeners)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        _yaml.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: {name}
              namespace: {ns}
              annotations:
                certfunctions.io/enabled: "true"
            spec:
              gatewayClassName: emulator
              listeners:
              - name: http
                protocol: HTTP
                port: 80

            """);
        for (var i = 0; i < listeners.Count; i++)
        {
            _yaml.Append(CultureInfo.InvariantCulture, $"""
                  - name: https-{i}
                    protocol: HTTPS
                    port: 443
                    hostname: {listeners[i].Host}
                    tls:
                      mode: Terminate
                      certificateRefs:
                      - kind: Secret
                        name: {listeners[i].SecretName}

                """);
        }

        _yaml.Append("---\n");
        return this;
    }

    /// <summary>Adds one of our kubernetes.io/tls Secrets, labelled for <paramref name="owner"/> and annotated as the app writes it.</summary>
    public SeedYaml TlsSecret(
        string ns, string name, string owner, IReadOnlyList<string> hosts, string chainPem, string keyPem, DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset renewAfter)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _yaml.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/tls
            metadata:
              name: {name}
              namespace: {ns}
              labels:
                app.kubernetes.io/managed-by: certfunctions
                certfunctions.io/ingress: {owner}
              annotations:
                certfunctions.io/domains: {string.Join(",", hosts)}
                certfunctions.io/not-before: "{Time(notBefore)}"
                certfunctions.io/not-after: "{Time(notAfter)}"
                certfunctions.io/renew-after: "{Time(renewAfter)}"
            data:
              tls.crt: {Base64(chainPem)}
              tls.key: {Base64(keyPem)}
            ---

            """);
        return this;
    }

    /// <summary>Writes the seed to <paramref name="path"/> and returns the path.</summary>
    public string WriteTo(string path)
    {
        File.WriteAllText(path, _yaml.ToString());
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    private static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
