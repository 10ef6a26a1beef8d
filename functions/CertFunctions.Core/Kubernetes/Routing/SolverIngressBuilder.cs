using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Builds the separate solver Ingress for a certificate's challenge; pure.</summary>
public static class SolverIngressBuilder
{
    /// <summary>The deterministic solver Ingress name for <paramref name="certificate"/> (one run per Ingress at a time).</summary>
    public static string NameFor(CertificateRef certificate) =>
        $"{KubernetesNames.Truncate(certificate.Ingress, 200)}-acme-solver-{LabelValue.ShortHash(certificate.Ingress)[..6]}";

    /// <summary>The labels of challenge objects created for <paramref name="certificate"/>.</summary>
    public static Dictionary<string, string> ChallengeLabels(CertificateRef certificate) => new(StringComparer.Ordinal)
    {
        [CertFunctionsLabels.ManagedBy] = CertFunctionsLabels.ManagedByValue,
        [CertFunctionsLabels.Ingress] = LabelValue.ForName(certificate.Ingress),
        [CertFunctionsLabels.Challenge] = "true",
    };

    /// <summary>The label selector finding the challenge objects of <paramref name="certificate"/>.</summary>
    public static string ChallengeSelector(CertificateRef certificate) =>
        string.Join(',', ChallengeLabels(certificate).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>Builds the solver Ingress: one rule per host, one path per token, all to the responder.</summary>
    public static V1Ingress Build(
        CertificateRef certificate,
        IReadOnlyList<string> hosts,
        IReadOnlyList<string> tokens,
        string serviceName,
        int servicePort,
        ChallengePathType pathType,
        string? ingressClassName,
        string? legacyIngressClass,
        IReadOnlyDictionary<string, string> controllerAnnotations)
    {
        var annotations = new Dictionary<string, string>(controllerAnnotations, StringComparer.Ordinal);
        if (ingressClassName is null && !string.IsNullOrEmpty(legacyIngressClass))
        {
            annotations[CertFunctionsAnnotations.LegacyIngressClass] = legacyIngressClass;
        }

        var paths = tokens.Select(ChallengePaths.For).ToList();
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(certificate),
                NamespaceProperty = certificate.Namespace,
                Labels = ChallengeLabels(certificate),
                Annotations = annotations,
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = ingressClassName,
                Rules = hosts.Select(host => new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = paths.Select(path => new V1HTTPIngressPath
                        {
                            Path = path,
                            PathType = ChallengePaths.PathTypeName(pathType),
                            Backend = new V1IngressBackend
                            {
                                Service = new V1IngressServiceBackend { Name = serviceName, Port = new V1ServiceBackendPort { Number = servicePort } },
                            },
                        }).ToList(),
                    },
                }).ToList(),
            },
        };
    }
}
