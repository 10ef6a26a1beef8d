using CertFunctions.Core.Certificates;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.GitOps;
using CertFunctions.Core.Kubernetes.Patching;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Tls;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>Derives the certificate spec (hosts, Secret, choices) from an Ingress object; pure, no API calls.</summary>
public static class IngressCertificateSpecBuilder
{
    /// <summary>Builds the spec or throws <see cref="InvalidIngressConfigurationException"/> listing what to fix.</summary>
    /// <param name="certificate">The Ingress.</param>
    /// <param name="ingress">Its object.</param>
    /// <param name="defaults">The app's routing settings, for what the annotations leave out.</param>
    /// <param name="requireKnownHost">The responder's <c>Responder:RequireKnownHost</c>: refuse routing that hides the name from it.</param>
    /// <param name="issuers">
    /// The configured issuers: <c>certfunctions.io/issuer</c> must name one the namespace may use (else
    /// <see cref="UnknownIssuerException"/> or <see cref="IssuerNotAllowedException"/>). Null (unit tests) takes the name as given.
    /// </param>
    public static IngressCertificateSpec Build(
        CertificateRef certificate, V1Ingress ingress, ChallengeRoutingOptions defaults, bool requireKnownHost = false, AcmeIssuerCatalog? issuers = null)
    {
        var description = $"{certificate.Namespace}/{certificate.Ingress}";
        var settings = IngressAnnotationParser.Parse(ingress.Metadata?.Annotations, description);
        var hosts = DeriveHosts(ingress);
        var problems = HostNameRules.Check(hosts).ToList();
        var gitOps = GitOpsDetector.Detect(ingress.Metadata, RoutingField);
        var routing = settings.Routing ?? defaults.Routing;
        string? inPlaceRefused = null;
        if (gitOps is not null && routing == RoutingStrategy.InPlace && !settings.ForceInPlace)
        {
            // The controller puts the atomic rules list back while the CA validates: route through an object we own.
            if (settings.Routing == RoutingStrategy.InPlace)
            {
                inPlaceRefused =
                    $"{CertFunctionsAnnotations.Routing}: in-place is not followed: Ingress '{description}' is managed by {gitOps.Description}, which " +
                    "puts spec.rules back to what Git says and would remove the challenge path while the CA validates; the challenge goes through " +
                    $"a solver Ingress instead. To edit this Ingress in place anyway, add {CertFunctionsAnnotations.ForceInPlace}: \"true\".";
            }

            routing = RoutingStrategy.SolverIngress;
        }

        var preset = settings.SolverPreset ?? defaults.SolverPreset;
        if (requireKnownHost && routing.HidesHostFromResponder(preset))
        {
            problems.Add(
                $"solver preset {preset} makes the controller send the responder's own host name, and Responder:RequireKnownHost is on, so every " +
                $"challenge would be refused; set {CertFunctionsAnnotations.SolverPreset}: plain or {CertFunctionsAnnotations.Routing}: in-place");
        }
        if (problems.Count > 0)
        {
            throw new InvalidIngressConfigurationException(
                $"Ingress '{description}' cannot get a certificate; nothing was changed. Fix: {string.Join("; ", problems)}.");
        }

        var secretName = settings.SecretName ?? DeriveSecretName(ingress, hosts, certificate.Ingress);

        // Never a silent fallback: a name that is not configured, or not for this namespace, stops here with the reason.
        var issuer = issuers?.Select(settings.Issuer, certificate.Namespace, $"Ingress '{description}'").Name
            ?? settings.Issuer
            ?? AcmeIssuer.DefaultName;

        return new IngressCertificateSpec(
            certificate,
            hosts,
            secretName,
            routing,
            settings.KeyType,
            settings.Profile,
            settings.PreferredChain,
            settings.AdoptSecret,
            preset,
            IngressClassOf(ingress))
        {
            OptedIn = IngressAnnotationParser.IsOptedIn(ingress.Metadata?.Annotations),
            GitOps = gitOps,
            InPlaceRefused = inPlaceRefused,
            TlsListed = !TlsEntryPlanner.Plan(ingress, hosts, secretName, new JsonPatch()),
            Issuer = issuer,
        };
    }

    /// <summary>The Ingress field in-place routing edits, which GitOps recognition looks for in managedFields.</summary>
    public static IReadOnlyList<string> RoutingField { get; } = ["spec", "rules"];

    /// <summary>The rule hosts (distinct, lowercase, in order), else the spec.tls hosts.</summary>
    public static IReadOnlyList<string> DeriveHosts(V1Ingress ingress)
    {
        var ruleHosts = Distinct(ingress.Spec?.Rules?.Select(r => r.Host));
        return ruleHosts.Count > 0 ? ruleHosts : Distinct(ingress.Spec?.Tls?.SelectMany(t => t.Hosts ?? []));
    }

    /// <summary>The Secret of the first spec.tls entry covering one of <paramref name="hosts"/>, else &lt;ingress&gt;-tls.</summary>
    public static string DeriveSecretName(V1Ingress ingress, IReadOnlyList<string> hosts, string ingressName)
    {
        var entries = ingress.Spec?.Tls ?? [];
        var match = entries.FirstOrDefault(t => !string.IsNullOrEmpty(t.SecretName)
                && t.Hosts?.Any(h => hosts.Contains(h, StringComparer.OrdinalIgnoreCase)) == true)
            ?? entries.FirstOrDefault(t => !string.IsNullOrEmpty(t.SecretName) && (t.Hosts is null || t.Hosts.Count == 0));
        return match?.SecretName ?? KubernetesNames.Truncate(ingressName, 249) + "-tls";
    }

    /// <summary>spec.ingressClassName, else the legacy kubernetes.io/ingress.class annotation.</summary>
    public static string? IngressClassOf(V1Ingress ingress) =>
        !string.IsNullOrEmpty(ingress.Spec?.IngressClassName)
            ? ingress.Spec.IngressClassName
            : ingress.Metadata?.Annotations is { } annotations && annotations.TryGetValue(CertFunctionsAnnotations.LegacyIngressClass, out var legacy) && !string.IsNullOrEmpty(legacy)
                ? legacy
                : null;

    private static List<string> Distinct(IEnumerable<string?>? hosts) =>
        (hosts ?? [])
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => h!.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
