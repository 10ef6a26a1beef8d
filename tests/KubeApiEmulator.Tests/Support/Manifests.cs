namespace KubeApiEmulator.Tests.Support;

/// <summary>YAML manifests the tests apply.</summary>
public static class Manifests
{
    /// <summary>A kubernetes.io/tls Secret (or another type) holding <paramref name="certificatePem"/> and <paramref name="keyPem"/>.</summary>
    public static string TlsSecret(string ns, string name, string certificatePem, string keyPem, string type = "kubernetes.io/tls") => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
        type: {type}
        data:
          tls.crt: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificatePem))}
          tls.key: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(keyPem))}
        """;

    /// <summary>An Ingress with one rule and one path.</summary>
    public static string Ingress(string ns, string name, string host, string path = "/", string pathType = "Prefix", string service = "web", int port = 80, string labels = "app: web") => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            {labels}
        spec:
          rules:
          - host: {host}
            http:
              paths:
              - path: {path}
                pathType: {pathType}
                backend:
                  service:
                    name: {service}
                    port:
                      number: {port}
        """;

    /// <summary>An ExternalName Service.</summary>
    public static string ExternalNameService(string ns, string name, string externalName, int port) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          type: ExternalName
          externalName: {externalName}
          ports:
          - name: http
            port: {port}
        """;

    /// <summary>A ClusterIP Service.</summary>
    public static string ClusterIpService(string ns, string name, int port = 80) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          ports:
          - name: http
            port: {port}
            targetPort: 8080
        """;
}
