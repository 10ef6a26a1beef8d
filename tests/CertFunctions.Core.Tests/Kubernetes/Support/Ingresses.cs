using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Support;

/// <summary>Builds Ingress objects for tests.</summary>
internal static class Ingresses
{
    public static V1Ingress Create(
        string name = "web",
        string @namespace = "apps",
        IDictionary<string, string>? annotations = null,
        IEnumerable<string?>? hosts = null,
        IEnumerable<V1IngressTLS>? tls = null,
        string? className = null)
    {
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                ResourceVersion = "1",
                Annotations = annotations is null ? null : new Dictionary<string, string>(annotations),
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = className,
                Rules = (hosts ?? ["www.example.com"]).Select(h => Rule(h, "/", "web")).ToList(),
                Tls = tls?.ToList(),
            },
        };
    }

    public static V1IngressRule Rule(string? host, string path, string service, int port = 80) => new()
    {
        Host = host,
        Http = new V1HTTPIngressRuleValue { Paths = [Path(path, service, port)] },
    };

    public static V1HTTPIngressPath Path(string path, string service, int port = 80, string pathType = "Prefix") => new()
    {
        Path = path,
        PathType = pathType,
        Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = port } } },
    };
}
